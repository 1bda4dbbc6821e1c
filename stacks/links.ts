import {
  type FunctionName,
  functionLinks,
  ingressEnvironment,
  type LinkNameOf,
} from "../packages/runtime/src/links.ts";

/**
 * A function's `link` list, from the one declaration of what each function may reach
 * (packages/runtime/src/links.ts), each name resolved to the resource that carries it. A name
 * left out, or one the function does not use, fails the infra type-check.
 *
 * @example
 * link: linksOf("githubWebhook", { GithubWebhookSecret: githubWebhookSecret, TableItems: tableItems, DiscordBotToken: discordBotToken }),
 */
export function linksOf<F extends FunctionName>(fn: F, resources: Record<LinkNameOf<F>, unknown>): unknown[] {
  return functionLinks[fn].map((name: LinkNameOf<F>) => resources[name]);
}

/**
 * The ingress's environment: each of its links' values under the variable it reads it from
 * (`ingressEnvironment`, packages/runtime/src/links.ts).
 *
 * @example
 * environment: ingressEnvironmentOf({ DiscordPublicKey: discordPublicKey.value, JobsQueueSender: jobsQueue.url, ... }),
 */
export function ingressEnvironmentOf<V>(values: Record<LinkNameOf<"ingress">, V>): Record<string, V> {
  return Object.fromEntries(
    Object.entries(ingressEnvironment).map(([link, variable]) => [
      variable,
      values[link as LinkNameOf<"ingress">],
    ]),
  );
}

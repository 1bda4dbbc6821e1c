import { type FunctionName, functionLinks, type LinkNameOf } from "../packages/runtime/src/links.ts";

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

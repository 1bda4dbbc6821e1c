import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { CommandType, Context, Install } from "../discord-enums.ts";
import { commandLimitViolations } from "./command-limits.ts";
import type {
  CommandHandler,
  CommandSummary,
  ComponentHandler,
  IngressPlugin,
  JobHandler,
  PluginManifest,
  WorkerPlugin,
} from "./types.ts";

/** Raised when plugins do not fit together or break Discord's limits; lists every problem. */
export class PluginRegistryError extends Error {
  override name = "PluginRegistryError";
  constructor(readonly problems: string[]) {
    super(`invalid plugins:\n- ${problems.join("\n- ")}`);
  }
}

export interface CommandRegistry {
  readonly summaries: readonly CommandSummary[];
  readonly definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
  command(name: string): CommandHandler | undefined;
  /** Resolves `<plugin id>:<action>[:args…]` to its handler and the remaining args. */
  component(customId: string): { handler: ComponentHandler; args: string[] } | undefined;
}

function manifestProblems(manifests: PluginManifest[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const manifest of manifests) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(manifest.id))
      problems.push(`plugin id "${manifest.id}" is not kebab-case`);
    if (ids.has(manifest.id)) problems.push(`plugin id "${manifest.id}" is used twice`);
    ids.add(manifest.id);
  }
  for (const manifest of manifests) {
    for (const dependency of manifest.dependencies) {
      if (!ids.has(dependency))
        problems.push(`plugin "${manifest.id}" needs plugin "${dependency}", which is missing`);
    }
  }
  return problems;
}

/**
 * Builds the ingress command registry from plugins, validating manifests, handlers and
 * Discord's limits at once.
 *
 * @example
 * const registry = createCommandRegistry([systemPlugin]);
 * registry.command("ping")?.run(context);
 */
export function createCommandRegistry(plugins: IngressPlugin[]): CommandRegistry {
  const problems = manifestProblems(plugins.map((plugin) => plugin.manifest));
  const commands = new Map<string, CommandHandler>();
  const summaries: CommandSummary[] = [];
  // Every guild is a tenant: commands exist only inside guilds that installed the bot.
  const definitions = plugins.flatMap((plugin) =>
    plugin.manifest.commands.map(
      (definition): RESTPostAPIApplicationCommandsJSONBody => ({
        contexts: [Context.Guild],
        integration_types: [Install.Guild],
        ...definition,
      }),
    ),
  );

  for (const { manifest, commands: handlers } of plugins) {
    const declared = new Set(manifest.commands.map((definition) => definition.name));
    for (const definition of manifest.commands) {
      const handler = handlers[definition.name];
      if (!handler) problems.push(`command "${definition.name}" of plugin "${manifest.id}" has no handler`);
      else if (commands.has(definition.name)) problems.push(`command "${definition.name}" is declared twice`);
      else commands.set(definition.name, handler);
      // Context-menu commands have no description of their own: their plugin's stands in.
      const description = "description" in definition ? (definition.description ?? "") : manifest.description;
      const menu =
        definition.type === CommandType.Message
          ? "message"
          : definition.type === CommandType.User
            ? "user"
            : undefined;
      summaries.push({
        name: definition.name,
        description,
        pluginId: manifest.id,
        ...(menu ? { menu } : {}),
      });
    }
    for (const name of Object.keys(handlers)) {
      if (!declared.has(name))
        problems.push(`handler "${name}" of plugin "${manifest.id}" is not in its manifest`);
    }
  }
  problems.push(...commandLimitViolations(definitions));
  if (problems.length > 0) throw new PluginRegistryError(problems);

  const components = new Map(plugins.map((plugin) => [plugin.manifest.id, plugin.components ?? {}]));
  return {
    summaries,
    definitions,
    command: (name) => commands.get(name),
    component(customId) {
      const [pluginId = "", action = "", ...args] = customId.split(":");
      // Own properties only: a custom id is user-supplied, and `__proto__` or `constructor`
      // must not reach Object.prototype.
      const handlers = components.get(pluginId);
      const handler = handlers && Object.hasOwn(handlers, action) ? handlers[action] : undefined;
      return handler ? { handler, args } : undefined;
    },
  };
}

/** Builds the worker's job table from worker plugins; a job kind must start with its plugin id. */
export function createJobRegistry(plugins: WorkerPlugin[]): ReadonlyMap<string, JobHandler> {
  const problems = manifestProblems(plugins.map((plugin) => plugin.manifest));
  const jobs = new Map<string, JobHandler>();
  for (const { manifest, jobs: handlers } of plugins) {
    for (const [kind, handler] of Object.entries(handlers)) {
      if (!kind.startsWith(`${manifest.id}.`))
        problems.push(`job kind "${kind}" must start with "${manifest.id}."`);
      if (jobs.has(kind)) problems.push(`job kind "${kind}" is handled twice`);
      jobs.set(kind, handler);
    }
  }
  if (problems.length > 0) throw new PluginRegistryError(problems);
  return jobs;
}

import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { CommandType, Context, Install } from "../discord-enums.ts";
import { checkManifests } from "./manifest.ts";
import type { PluginPorts, PortName, WorkerPlugin } from "./ports.ts";
import type {
  CommandHandler,
  CommandSummary,
  ComponentHandler,
  IngressPlugin,
  JobHandler,
  PluginManifest,
  TaskHandler,
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
  /** The installed plugins in start-up order. */
  readonly manifests: readonly PluginManifest[];
  command(name: string): { handler: CommandHandler; manifest: PluginManifest } | undefined;
  /** Resolves `<plugin id>:<action>[:args…]` to its handler, its plugin and the remaining args. */
  component(
    customId: string,
  ): { handler: ComponentHandler; manifest: PluginManifest; args: string[] } | undefined;
}

export interface CommandRegistryOptions {
  /**
   * Discord's own limits on command definitions (names, lengths, counts), one problem per
   * line; they live with the code that speaks to Discord (`commandLimitViolations` in
   * `@megawatts/discord/commands`).
   */
  limits?: (definitions: RESTPostAPIApplicationCommandsJSONBody[]) => string[];
}

/**
 * Builds the ingress command registry from plugins, validating manifests, handlers and
 * (when given) Discord's limits at once.
 *
 * @example
 * const registry = createCommandRegistry([systemPlugin], { limits: commandLimitViolations });
 * registry.command("ping")?.handler.run(context);
 */
export function createCommandRegistry(
  plugins: IngressPlugin[],
  options: CommandRegistryOptions = {},
): CommandRegistry {
  const { problems, sorted } = checkManifests(plugins.map((plugin) => plugin.manifest));
  const commands = new Map<string, { handler: CommandHandler; manifest: PluginManifest }>();
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
      else commands.set(definition.name, { handler, manifest });
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
  problems.push(...(options.limits?.(definitions) ?? []));
  if (problems.length > 0) throw new PluginRegistryError(problems);

  // Maps, not objects: names come from users and must not reach the object prototype.
  const components = new Map(
    plugins.map((plugin) => [
      plugin.manifest.id,
      { manifest: plugin.manifest, actions: new Map(Object.entries(plugin.components ?? {})) },
    ]),
  );
  return {
    summaries,
    definitions,
    manifests: sorted,
    command: (name) => commands.get(name),
    component(customId) {
      const [pluginId = "", action = "", ...args] = customId.split(":");
      const plugin = components.get(pluginId);
      const handler = plugin?.actions.get(action);
      return plugin && handler ? { handler, manifest: plugin.manifest, args } : undefined;
    },
  };
}

/** The worker's handlers by kind, built from the plugins a runtime installs. */
export interface JobRegistry {
  readonly manifests: readonly PluginManifest[];
  job(kind: string): JobHandler | undefined;
  task(kind: string): TaskHandler | undefined;
}

function neededPorts(plugin: WorkerPlugin, ports: Partial<PluginPorts>) {
  const missing = plugin.needs.filter((name) => ports[name] === undefined);
  const given = Object.fromEntries(plugin.needs.map((name) => [name, ports[name]]));
  return { missing, given: given as Pick<PluginPorts, PortName> };
}

function addHandlers<H>(
  table: Map<string, H>,
  pluginId: string,
  handlers: Record<string, H> | undefined,
  problems: string[],
) {
  for (const [kind, handler] of Object.entries(handlers ?? {})) {
    if (!kind.startsWith(`${pluginId}.`)) problems.push(`kind "${kind}" must start with "${pluginId}."`);
    if (table.has(kind)) problems.push(`kind "${kind}" is handled twice`);
    table.set(kind, handler);
  }
}

/**
 * Builds the worker's job and task tables from worker plugins in start-up order. Each
 * plugin's factory receives exactly the ports it names; a port this runtime does not wire,
 * a version conflict, an unknown dependency or a cycle refuses to start, naming the plugin.
 *
 * @example
 * const jobs = createJobRegistry(workerPlugins, { data, envelope, health, clock });
 * await jobs.job("system.status")?.(context);
 */
export function createJobRegistry(plugins: WorkerPlugin[], ports: Partial<PluginPorts>): JobRegistry {
  const { problems, sorted } = checkManifests(plugins.map((plugin) => plugin.manifest));
  const byId = new Map(plugins.map((plugin) => [plugin.manifest.id, plugin]));
  const jobs = new Map<string, JobHandler>();
  const tasks = new Map<string, TaskHandler>();
  for (const manifest of sorted) {
    const plugin = byId.get(manifest.id);
    if (!plugin) continue;
    const { missing, given } = neededPorts(plugin, ports);
    if (missing.length > 0) {
      for (const name of missing)
        problems.push(`plugin "${manifest.id}" needs the "${name}" port, which this runtime does not wire`);
      continue;
    }
    const handlers = plugin.create(given);
    addHandlers(jobs, manifest.id, handlers.jobs, problems);
    addHandlers(tasks, manifest.id, handlers.tasks, problems);
  }
  if (problems.length > 0) throw new PluginRegistryError(problems);
  return { manifests: sorted, job: (kind) => jobs.get(kind), task: (kind) => tasks.get(kind) };
}

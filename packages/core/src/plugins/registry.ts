import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { CommandType, Context, Install } from "../discord-enums.ts";
import { checkPluginIds } from "./plugin-ids.ts";
import type {
  CommandHandler,
  CommandSummary,
  ComponentHandler,
  IngressPlugin,
  PluginManifest,
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
  /** The installed plugins, in the order given. */
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
  // Versions, dependency ranges and cycles are the job registry's to check (it builds the
  // plugins, and CI starts it); the ingress only needs ids that do not clash, and starts fast.
  const manifests = plugins.map((plugin) => plugin.manifest);
  const problems = checkPluginIds(manifests);
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
    manifests,
    command: (name) => commands.get(name),
    component(customId) {
      const [pluginId = "", action = "", ...args] = customId.split(":");
      const plugin = components.get(pluginId);
      const handler = plugin?.actions.get(action);
      return plugin && handler ? { handler, manifest: plugin.manifest, args } : undefined;
    },
  };
}

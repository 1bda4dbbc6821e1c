import type { GuildPluginState, PluginStateReader } from "./guild-state.ts";
import type { PluginManifest } from "./types.ts";

/** The plugins installed in this deployment and each server's choice of them. */
export interface PluginCatalog {
  /** In start-up order: every plugin after the plugins it depends on. */
  readonly manifests: readonly PluginManifest[];
  get(id: string): PluginManifest | undefined;
  /** A server's choices, read consistently. */
  state(guildId: string): Promise<GuildPluginState>;
}

/**
 * A catalog over installed manifests and a reader of servers' choices.
 *
 * @example
 * const catalog = pluginCatalog(manifests, documentPluginStates(data.documents));
 * catalog.get("knowledge")?.version;
 */
export function pluginCatalog(
  manifests: readonly PluginManifest[],
  states: PluginStateReader,
): PluginCatalog {
  const byId = new Map(manifests.map((manifest) => [manifest.id, manifest]));
  return { manifests, get: (id) => byId.get(id), state: (guildId) => states.read(guildId) };
}

import type { PluginManifest } from "./types.ts";

/** One change of a server's plugins, kept so it can be shown and rolled back. */
export interface PluginChange {
  /** 1, 2, 3… per server. */
  seq: number;
  plugin: string;
  enabled: boolean;
  /** The plugin's state before this change. */
  was: boolean;
  /** `user:<id>`. */
  by: string;
  /** Epoch ms. */
  at: number;
  /** Set when this change undid an earlier one. */
  rollbackOf?: number;
}

/** What a server's admins chose about plugins; a plugin nobody chose about follows its manifest. */
export interface GuildPluginState {
  overrides: Readonly<Record<string, boolean>>;
  /** Newest last; the oldest entries drop off past `HISTORY_LIMIT`. */
  history: readonly PluginChange[];
}

export const EMPTY_PLUGIN_STATE: GuildPluginState = { overrides: {}, history: [] };
export const HISTORY_LIMIT = 100;

/**
 * Whether a plugin is on in a server: core plugins always; otherwise the admins' choice, else
 * the manifest's default.
 *
 * @example
 * isPluginEnabled(knowledgeManifest, EMPTY_PLUGIN_STATE) // false: knowledge starts off
 */
export function isPluginEnabled(manifest: PluginManifest, state: GuildPluginState): boolean {
  if (manifest.core) return true;
  return Object.hasOwn(state.overrides, manifest.id)
    ? state.overrides[manifest.id] === true
    : manifest.enabledByDefault !== false;
}

/**
 * Reads a server's plugin state from the `plugins` field of its `guild-config` data. A server
 * that used the earlier knowledge switch keeps its choice.
 */
export function pluginStateOf(data: Record<string, unknown> | undefined): GuildPluginState {
  const stored = data?.plugins as Partial<GuildPluginState> | undefined;
  const overrides: Record<string, boolean> = { ...(stored?.overrides ?? {}) };
  const legacy = data?.knowledge as { enabled?: unknown } | undefined;
  if (!Object.hasOwn(overrides, "knowledge") && typeof legacy?.enabled === "boolean")
    overrides.knowledge = legacy.enabled;
  return { overrides, history: stored?.history ?? [] };
}

/**
 * Reads a server's plugin state. The ingress reads it through a short per-container cache,
 * so deciding whether a command may run costs no round trip on a warm container.
 */
export interface PluginStateReader {
  read(guildId: string): Promise<GuildPluginState>;
  /** A change to this server's choices is on its way: stop trusting what is kept for it. */
  refresh?(guildId: string): void;
}

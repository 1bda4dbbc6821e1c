import { newItem, revise, revisionOf } from "../data/items.ts";
import { itemKeys } from "../data/keys.ts";
import type { DocumentStore } from "../data/ports.ts";
import type { WarmData } from "../data/services.ts";
import { VisibleError } from "../errors.ts";
import type { Clock } from "../ports/observability.ts";
import type { PluginCatalog } from "./catalog.ts";
import {
  type GuildPluginState,
  HISTORY_LIMIT,
  isPluginEnabled,
  type PluginChange,
  type PluginStateReader,
  pluginStateOf,
} from "./guild-state.ts";
import type { PluginManifest } from "./types.ts";

export interface PluginStateDeps {
  data: WarmData;
  plugins: PluginCatalog;
  clock: Clock;
}

/**
 * Reads servers' plugin state from the warm tier (consistent reads: the worker acts on it).
 *
 * @example
 * const state = await documentPluginStates(data.documents).read(guildId);
 */
export function documentPluginStates(documents: DocumentStore): PluginStateReader {
  return {
    read: async (guildId) =>
      pluginStateOf((await documents.get(itemKeys.guildConfig(guildId), { consistent: true }))?.data),
  };
}

function installed(plugins: PluginCatalog, id: string): PluginManifest {
  const manifest = plugins.get(id);
  if (!manifest)
    throw new VisibleError(
      `There is no plugin called "${id}" here. \`/plugins list\` shows the installed ones.`,
    );
  return manifest;
}

/** Plugins that need `manifest` and would stop working without it. */
function dependents(plugins: PluginCatalog, manifest: PluginManifest, state: GuildPluginState) {
  return plugins.manifests.filter(
    (other) => Object.hasOwn(other.dependencies, manifest.id) && isPluginEnabled(other, state),
  );
}

/** Plugins `manifest` needs that are turned off here. */
function missingDependencies(plugins: PluginCatalog, manifest: PluginManifest, state: GuildPluginState) {
  return Object.keys(manifest.dependencies)
    .map((id) => plugins.get(id))
    .filter((other): other is PluginManifest => other !== undefined && !isPluginEnabled(other, state));
}

function refusal(
  plugins: PluginCatalog,
  manifest: PluginManifest,
  enabled: boolean,
  state: GuildPluginState,
) {
  if (manifest.core && !enabled) return `\`${manifest.id}\` is a core plugin and is always on.`;
  const names = (list: PluginManifest[]) => list.map((other) => `\`${other.id}\``).join(", ");
  if (!enabled) {
    const needing = dependents(plugins, manifest, state);
    if (needing.length > 0)
      return `${names(needing)} needs \`${manifest.id}\`: disable ${needing.length === 1 ? "it" : "them"} first.`;
  } else {
    const missing = missingDependencies(plugins, manifest, state);
    if (missing.length > 0)
      return `\`${manifest.id}\` needs ${names(missing)}: enable ${missing.length === 1 ? "it" : "them"} first.`;
  }
  return undefined;
}

async function writeState(
  deps: PluginStateDeps,
  guild: string,
  change: (state: GuildPluginState) => GuildPluginState,
): Promise<GuildPluginState> {
  const { documents, classes, tenants } = deps.data;
  const key = itemKeys.guildConfig(guild);
  const current = await documents.get(key, { consistent: true });
  const next = change(pluginStateOf(current?.data));
  const now = deps.clock.now();
  const data = { ...(current?.data ?? {}), plugins: next };
  if (current) await documents.put(revise(current, data, now), { ifUnchanged: revisionOf(current) });
  else {
    await tenants.ensure(guild);
    const cls = classes.get("guild-config");
    await documents.put(newItem({ cls, tenant: guild, key, data, now }), { ifAbsent: true });
  }
  return next;
}

function appended(state: GuildPluginState, changes: Omit<PluginChange, "seq">[]): GuildPluginState {
  let seq = state.history.at(-1)?.seq ?? 0;
  const overrides = { ...state.overrides };
  const added = changes.map((change) => {
    overrides[change.plugin] = change.enabled;
    seq += 1;
    return { ...change, seq };
  });
  return { overrides, history: [...state.history, ...added].slice(-HISTORY_LIMIT) };
}

/**
 * Turns a plugin on or off in one server, after checking it may be: core plugins stay on, a
 * plugin others need stays on while they are on, a plugin whose dependencies are off stays
 * off. Records the change in the history and the audit log. A write that races another
 * admin's fails its condition and is retried by the queue.
 *
 * @example
 * await setPluginEnabled(deps, { guild, plugin: "knowledge", enabled: true, actor: "user:1" });
 */
export async function setPluginEnabled(
  deps: PluginStateDeps,
  input: { guild: string; plugin: string; enabled: boolean; actor: string },
): Promise<{ changed: boolean; state: GuildPluginState }> {
  const manifest = installed(deps.plugins, input.plugin);
  const state = pluginStateOf(
    (await deps.data.documents.get(itemKeys.guildConfig(input.guild), { consistent: true }))?.data,
  );
  const was = isPluginEnabled(manifest, state);
  const refused = refusal(deps.plugins, manifest, input.enabled, state);
  if (refused) throw new VisibleError(refused);
  if (was === input.enabled) return { changed: false, state };
  const at = deps.clock.now();
  const next = await writeState(deps, input.guild, (current) =>
    appended(current, [{ plugin: manifest.id, enabled: input.enabled, was, by: input.actor, at }]),
  );
  const action = input.enabled ? "plugin.enabled" : "plugin.disabled";
  await deps.data.audit.record({ actor: input.actor, action, tenant: input.guild, cls: "guild-config" });
  return { changed: true, state: next };
}

/**
 * Undoes every change from `seq` on (default: the newest), newest first, each undo recorded
 * as a change of its own so a rollback can itself be rolled back.
 *
 * @example
 * await rollbackPlugins(deps, { guild, actor: "user:1" }); // undo the last change
 */
export async function rollbackPlugins(
  deps: PluginStateDeps,
  input: { guild: string; actor: string; seq?: number },
): Promise<{ undone: PluginChange[]; state: GuildPluginState }> {
  const at = deps.clock.now();
  let undone: PluginChange[] = [];
  const state = await writeState(deps, input.guild, (current) => {
    const from = input.seq ?? current.history.at(-1)?.seq;
    if (from === undefined) throw new VisibleError("There are no plugin changes to roll back here.");
    if (!current.history.some((change) => change.seq === from))
      throw new VisibleError(`There is no change #${from} in this server's plugin history.`);
    undone = current.history.filter((change) => change.seq >= from).reverse();
    return appended(
      current,
      undone.map((change) => ({
        plugin: change.plugin,
        enabled: change.was,
        was: change.enabled,
        by: input.actor,
        at,
        rollbackOf: change.seq,
      })),
    );
  });
  await deps.data.audit.record({
    actor: input.actor,
    action: "plugin.rolled-back",
    tenant: input.guild,
    cls: "guild-config",
  });
  return { undone, state };
}

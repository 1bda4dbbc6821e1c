import type { GuildPluginState, MessagePayload, PluginChange, PluginManifest } from "@megawatts/core";
import { CommandType, isPluginEnabled } from "@megawatts/core";

const message = (lines: string[]): MessagePayload => ({
  content: lines.join("\n").slice(0, 2000),
  allowed_mentions: { parse: [] },
});
const stamp = (ms: number) => `<t:${Math.floor(ms / 1000)}:f>`;

function stateOf(manifest: PluginManifest, state: GuildPluginState): string {
  if (manifest.core) return "🔒 on (core)";
  return isPluginEnabled(manifest, state) ? "✅ on" : "⏸️ off";
}

/**
 * `/plugins list`: every installed plugin, whether it is on here, and how to change it.
 *
 * @example
 * listMessage(catalog.manifests, state)
 */
export function listMessage(manifests: readonly PluginManifest[], state: GuildPluginState): MessagePayload {
  return message([
    "**Plugins in this server**",
    ...manifests.map(
      (manifest) =>
        `${stateOf(manifest, state)} · **${manifest.id}** ${manifest.version} — ${manifest.description}`,
    ),
    "",
    "Turn one on or off with `/plugins enable plugin:<name>` or `/plugins disable plugin:<name>` (Manage Server). Core plugins are always on.",
  ]);
}

function commandsOf(manifest: PluginManifest): string {
  // Context-menu commands are found in the Apps menu by name; the rest are typed with a slash.
  const names = manifest.commands.map((command) =>
    command.type === CommandType.User || command.type === CommandType.Message
      ? command.name
      : `/${command.name}`,
  );
  return names.length > 0 ? names.map((name) => `\`${name}\``).join(", ") : "none";
}

function ranges(dependencies: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(dependencies ?? {});
  return entries.length > 0 ? entries.map(([id, range]) => `${id} ${range}`).join(", ") : "none";
}

/**
 * `/plugins info`: what a plugin brings and asks for.
 *
 * @example
 * infoMessage(catalog.get("knowledge"), state)
 */
export function infoMessage(manifest: PluginManifest, state: GuildPluginState): MessagePayload {
  const schedules = (manifest.schedules ?? []).map((s) => `\`${s.kind}\` ${s.schedule} — ${s.description}`);
  return message([
    `**${manifest.id}** ${manifest.version} · ${stateOf(manifest, state)} here`,
    manifest.description,
    `Commands: ${commandsOf(manifest)}`,
    `Bot permissions it needs: ${manifest.permissions.length > 0 ? manifest.permissions.join(", ") : "none beyond answering"}`,
    `Depends on: ${ranges(manifest.dependencies)} · optional: ${ranges(manifest.optionalDependencies)}`,
    ...(schedules.length > 0 ? [`Schedules: ${schedules.join("; ")}`] : []),
    ...(manifest.enabledByDefault === false && !manifest.core
      ? ["Starts off in every server until an admin turns it on."]
      : []),
  ]);
}

const describe = (change: PluginChange) =>
  `#${change.seq} ${stamp(change.at)} <@${change.by.replace(/^user:/, "")}> turned **${change.plugin}** ${change.enabled ? "on" : "off"}` +
  (change.rollbackOf ? ` (undoing #${change.rollbackOf})` : "");

/**
 * `/plugins history`: the newest changes first.
 *
 * @example
 * historyMessage(state.history)
 */
export function historyMessage(history: readonly PluginChange[]): MessagePayload {
  if (history.length === 0) return message(["No plugin has been turned on or off in this server yet."]);
  return message([
    "**Plugin changes here** (newest first)",
    ...[...history].reverse().slice(0, 20).map(describe),
    "",
    "Undo from a change on with `/plugins rollback change:<number>`.",
  ]);
}

/** What an enable, disable or rollback did. */
export function changeMessage(lines: string[]): MessagePayload {
  return message(lines);
}

export { describe as describeChange };

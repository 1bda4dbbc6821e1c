import type { ToolActor, ToolExecutor } from "@megawatts/core";
import { loadSettings, type SettingsData } from "./settings.ts";

/** A mod log entry: the channel and the bot's message in it. */
export interface ModLogEntry {
  channelId: string;
  messageId: string;
}

/** What can be posted to the mod log: text and/or embeds (Discord's embed objects). */
export interface ModLogMessage {
  content?: string;
  embeds?: Record<string, unknown>[];
}

/** What posting needs: the tool executor (the bot posts through `message_send`) and the settings. */
export interface ModLogDeps {
  executor: ToolExecutor;
  data: SettingsData;
}

/** The outcome: the entry, nothing when the server has no mod log, or why Discord refused. */
export type ModLogOutcome = { entry: ModLogEntry } | { none: true } | { problem: string };

/** The bot acting on its own in a channel: its roles are read from the server by the checks. */
export function botActor(guildId: string, botUserId: string, channelId: string): ToolActor {
  return { guildId, channelId, userId: botUserId, roleIds: [], botUserId };
}

/**
 * The server's mod log channel (`/modlog channel:`), or undefined when none is set.
 *
 * @example
 * const channelId = await modLogChannel({ data }, guildId);
 */
export async function modLogChannel(deps: Pick<ModLogDeps, "data">, guildId: string) {
  return (await loadSettings(deps.data, guildId)).modLogChannelId;
}

/**
 * Posts a message to the server's mod log as the bot, through the tool framework (so the bot's
 * permissions in that channel are checked and the post is audited). Other plugins use it too:
 * the tickets plugin posts "transcript stored" links this way.
 *
 * @example
 * const outcome = await postToModLog({ executor, data }, {
 *   guildId, botUserId: actor.botUserId, reference: job.id,
 *   message: { embeds: [{ title: "Ticket closed", description: "Transcript: <link>" }] },
 * });
 * if ("entry" in outcome) console.log(outcome.entry.messageId);
 */
export async function postToModLog(
  deps: ModLogDeps,
  input: { guildId: string; botUserId: string; message: ModLogMessage; reference: string },
): Promise<ModLogOutcome> {
  const channelId = await modLogChannel(deps, input.guildId);
  if (!channelId) return { none: true };
  const outcome = await deps.executor.execute({
    tool: "message_send",
    params: { channelId, ...input.message },
    actor: botActor(input.guildId, input.botUserId, channelId),
    reason: "mod log",
    reference: input.reference,
  });
  if (!outcome.ok) return { problem: outcome.refusal.message };
  return { entry: { channelId, messageId: (outcome.result.data as { id: string }).id } };
}

/**
 * Replaces a mod log entry's text and embeds (a case's reason changed, a ban was lifted).
 *
 * @example
 * await editModLogEntry({ executor, data }, { guildId, botUserId, entry, message, reference });
 */
export async function editModLogEntry(
  deps: Pick<ModLogDeps, "executor">,
  input: {
    guildId: string;
    botUserId: string;
    entry: ModLogEntry;
    message: ModLogMessage;
    reference: string;
  },
): Promise<boolean> {
  const outcome = await deps.executor.execute({
    tool: "message_edit",
    params: { channelId: input.entry.channelId, messageId: input.entry.messageId, ...input.message },
    actor: botActor(input.guildId, input.botUserId, input.entry.channelId),
    reason: "mod log",
    reference: input.reference,
  });
  return outcome.ok;
}

import {
  BlobArchivedError,
  Button,
  Component,
  type JobContext,
  type ResponderMessage,
} from "@megawatts/core";
import { ARCHIVED_CASE, deleteCase, editReason, listCases, loadCase, reasonHistory } from "./cases/store.ts";
import type { ModerationDeps } from "./deps.ts";
import { postToModLog } from "./mod-log.ts";
import type { CommandPayload } from "./payloads.ts";
import { refreshModLog } from "./record.ts";
import { caseEmbed, caseLine, textMessage } from "./render.ts";
import { updateSettings } from "./settings.ts";
import { countUse, readStats } from "./stats.ts";

const PAGE = 5;
const at = (ms: number) => `<t:${Math.floor(ms / 1000)}:f>`;

async function showCase(deps: ModerationDeps, guild: string, number: number): Promise<ResponderMessage> {
  const record = await loadCase(deps, guild, number);
  if (!record) return textMessage(`There is no case #${number} in this server.`);
  const history = await reasonHistory(deps, guild, number);
  const extra = history.map((entry, index) => ({
    name: `Earlier reason ${index + 1}`,
    value: `${typeof entry.reason === "string" ? entry.reason : "*unreadable*"} — <@${entry.by}>, replaced ${at(entry.replacedAt)}`,
  }));
  return { content: "", embeds: [caseEmbed(record, extra)], components: [], allowed_mentions: { parse: [] } };
}

/** A member's cases, a page of five, newest first, with Previous / Next. */
export async function casesPage(
  deps: ModerationDeps,
  guild: string,
  userId: string,
  page: number,
): Promise<ResponderMessage> {
  let cursor: string | undefined;
  let found: Awaited<ReturnType<typeof listCases>> = { cases: [] };
  for (let index = 0; index <= page; index += 1) {
    found = await listCases(deps, guild, userId, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    cursor = found.cursor;
    if (!cursor && index < page) break;
  }
  if (found.cases.length === 0 && page === 0 && !found.archived)
    return textMessage(`<@${userId}> has no moderation cases here.`);
  const archived = found.archived
    ? [`*${found.archived} older case(s) are in the archive tier (Glacier) and not listed.*`]
    : [];
  const button = (label: string, to: number, disabled: boolean) => ({
    type: Component.Button,
    style: Button.Secondary,
    label,
    custom_id: `moderation:cases:${userId}:${to}`,
    disabled,
  });
  return {
    content: [
      `**Cases about <@${userId}>** (page ${page + 1})`,
      ...found.cases.map(caseLine),
      ...archived,
    ].join("\n"),
    components: [
      {
        type: Component.ActionRow,
        components: [button("Previous", page - 1, page === 0), button("Next", page + 1, !found.cursor)],
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

/**
 * A case whose cold batch went on to the archive tier (Glacier, 90 days after it moved cold)
 * cannot be read or changed until the batch is restored: said in a sentence, not an error.
 */
async function archivedAware(answer: Promise<ResponderMessage>): Promise<ResponderMessage> {
  try {
    return await answer;
  } catch (error) {
    if (!(error instanceof BlobArchivedError)) throw error;
    return textMessage(ARCHIVED_CASE);
  }
}

async function caseCommand(deps: ModerationDeps, payload: CommandPayload, reference: string) {
  const { actor, subcommand, options } = payload;
  const number = Number(options.number);
  if (subcommand === "show") return showCase(deps, actor.guildId, number);
  if (subcommand === "delete") {
    if (!payload.manager) return textMessage("Deleting a case needs Manage Server. Ask a server admin.");
    const deleted = await deleteCase(deps, actor.guildId, number, actor.userId);
    if (!deleted) return textMessage(`There is no case #${number} in this server.`);
    await refreshModLog(deps, actor.guildId, actor.botUserId, deleted, reference);
    return textMessage(
      `🗑️ Case #${number} is deleted: its reason and evidence are gone; its number stays taken.`,
    );
  }
  const edited = await editReason(deps, actor.guildId, number, actor.userId, String(options.text ?? ""));
  if (!edited) return textMessage(`There is no case #${number} in this server.`);
  const updated = await refreshModLog(deps, actor.guildId, actor.botUserId, edited, reference);
  return textMessage(
    `✏️ Case #${number} has a new reason; the old one is kept in its history.${updated ? " The mod log entry is updated." : ""}`,
  );
}

async function modlog(deps: ModerationDeps, payload: CommandPayload, reference: string) {
  const { actor, options } = payload;
  if (!payload.manager) return textMessage("Setting the mod log needs Manage Server. Ask a server admin.");
  const channel = String(options.channel);
  const reports = options.reports === undefined ? {} : { reportsChannelId: String(options.reports) };
  await updateSettings(deps, actor.guildId, {
    modLogChannelId: channel,
    botUserId: actor.botUserId,
    ...reports,
  });
  const posted = await postToModLog(deps, {
    guildId: actor.guildId,
    botUserId: actor.botUserId,
    message: { content: `📋 This channel is now the mod log (set by <@${actor.userId}>).` },
    reference,
  });
  const where = reports.reportsChannelId ? ` Reports go to <#${reports.reportsChannelId}>.` : "";
  if ("problem" in posted)
    return textMessage(`⚠️ Saved, but I cannot post in <#${channel}>: ${posted.problem}${where}`);
  return textMessage(`✅ Every case is now posted in <#${channel}>.${where}`);
}

async function modstats(deps: ModerationDeps, payload: CommandPayload) {
  if (!payload.manager) return textMessage("/modstats needs Manage Server. Ask a server admin.");
  const days = Number(payload.options.days ?? 30);
  const { from, to, totals, perDay } = await readStats(deps, payload.actor.guildId, days);
  const lines = Object.entries(totals)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => `\`${name}\` ${count}`);
  const busiest = Object.entries(perDay).sort(([, a], [, b]) => b - a)[0];
  return textMessage(
    [
      `**Moderation from ${from} to ${to}**`,
      ...(lines.length > 0 ? lines : ["Nothing yet."]),
      busiest ? `Busiest day: ${busiest[0]} (${busiest[1]} actions).` : "",
      "-# Counters are kept 90 days.",
    ]
      .filter(Boolean)
      .join("\n"),
  );
}

/**
 * `/case`, `/cases`, *Moderation history*, `/modlog` and `/modstats`.
 *
 * @example
 * await runCommand(deps, context); // context.payload: CommandPayload
 */
export async function runCommand(deps: ModerationDeps, context: JobContext): Promise<void> {
  const payload = context.payload as CommandPayload;
  const { actor, command, options } = payload;
  await countUse(deps, actor.guildId, `command.${command}`);
  if (command === "case")
    return context.reply(await archivedAware(caseCommand(deps, payload, context.job.id)));
  if (command === "cases")
    return context.reply(
      await casesPage(deps, actor.guildId, String(options.user), Number(options.page ?? 0)),
    );
  if (command === "modlog") return context.reply(await modlog(deps, payload, context.job.id));
  return context.reply(await modstats(deps, payload));
}

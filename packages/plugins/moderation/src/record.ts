import type { CaseRecord, NewCase } from "./cases/case.ts";
import { openCase, reviseCase } from "./cases/store.ts";
import type { ModerationDeps } from "./deps.ts";
import { editModLogEntry, postToModLog } from "./mod-log.ts";
import { caseEmbed } from "./render.ts";
import { countUse } from "./stats.ts";

/** What recording a case did: the case, and a sentence about the mod log when it needs one. */
export interface Recorded {
  record: CaseRecord;
  modLogNote: string;
}

/**
 * Opens a case, posts it to the mod log (keeping the entry on the case, to edit later) and
 * counts the action for `/modstats`. A mod log Discord refuses is said, never fatal: the case
 * is stored either way.
 *
 * @example
 * const { record } = await recordCase(deps, guildId, botUserId, { action: "warn", ... }, job.id);
 */
export async function recordCase(
  deps: ModerationDeps,
  guild: string,
  botUserId: string,
  input: NewCase,
  reference: string,
): Promise<Recorded> {
  const record = await openCase(deps, guild, input);
  await countUse(deps, guild, `action.${input.action}`);
  const posted = await postToModLog(deps, {
    guildId: guild,
    botUserId,
    message: { embeds: [caseEmbed(record)] },
    reference,
  });
  if ("entry" in posted) {
    const withEntry = await reviseCase(deps, guild, record.number, (data) => ({
      ...data,
      modLog: posted.entry,
    }));
    return { record: withEntry ?? record, modLogNote: "" };
  }
  if ("problem" in posted)
    return { record, modLogNote: `I could not post it to the mod log: ${posted.problem}` };
  return { record, modLogNote: "" };
}

/**
 * Brings a case's mod log entry up to date (a new reason, a lifted ban), if it has one.
 *
 * @example
 * await refreshModLog(deps, guildId, botUserId, record, job.id, [{ name: "Lifted", value: "case #13" }]);
 */
export async function refreshModLog(
  deps: ModerationDeps,
  guild: string,
  botUserId: string,
  record: CaseRecord,
  reference: string,
  extra: { name: string; value: string }[] = [],
): Promise<boolean> {
  if (!record.modLog) return false;
  return editModLogEntry(deps, {
    guildId: guild,
    botUserId,
    entry: record.modLog,
    message: { embeds: [caseEmbed(record, extra)] },
    reference,
  });
}

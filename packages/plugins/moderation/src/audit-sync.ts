import type { TaskContext } from "@megawatts/core";
import type { CaseAction } from "./cases/case.ts";
import { AlreadyImportedError } from "./cases/store.ts";
import { type ModerationDeps, taskReference } from "./deps.ts";
import { botActor } from "./mod-log.ts";
import { recordCase } from "./record.ts";
import { loadSettings, updateSettings } from "./settings.ts";

/** An audit-log entry as the `server_audit_log` tool returns it. */
interface Entry {
  id: string;
  actionType: number;
  userId: string | null;
  targetId: string | null;
  reason: string | null;
  changes: { key: string; new_value?: unknown }[];
}

// Discord's audit-log event types (AuditLogEvent): kick, ban, unban, member update.
const KICK = 20;
const BAN = 22;
const UNBAN = 23;
const MEMBER_UPDATE = 24;
const PAGES_PER_RUN = 10;

/** The case an entry stands for, if it is a moderation action: a member update counts only as a timeout change. */
function actionOf(entry: Entry): { action: CaseAction; endsAt?: number } | undefined {
  if (entry.actionType === KICK) return { action: "kick" };
  if (entry.actionType === BAN) return { action: "ban" };
  if (entry.actionType === UNBAN) return { action: "unban" };
  if (entry.actionType !== MEMBER_UPDATE) return undefined;
  const change = entry.changes.find((candidate) => candidate.key === "communication_disabled_until");
  if (!change) return undefined;
  if (typeof change.new_value !== "string") return { action: "untimeout" };
  return { action: "timeout", endsAt: Date.parse(change.new_value) };
}

/** Entries newer than the cursor, oldest first, reading pages backwards from the newest. */
async function newEntries(
  deps: ModerationDeps,
  guildId: string,
  botUserId: string,
  cursor: string | undefined,
  reference: string,
): Promise<Entry[]> {
  const found: Entry[] = [];
  let before: string | undefined;
  for (let page = 0; page < PAGES_PER_RUN; page += 1) {
    const outcome = await deps.executor.execute({
      tool: "server_audit_log",
      params: { limit: 100, ...(before ? { before } : {}) },
      actor: botActor(guildId, botUserId, ""),
      reference,
    });
    if (!outcome.ok) throw new Error(`audit log of ${guildId}: ${outcome.refusal.message}`);
    const { entries } = outcome.result.data as { entries: Entry[] };
    const fresh = entries.filter((entry) => !cursor || BigInt(entry.id) > BigInt(cursor));
    found.push(...fresh);
    if (fresh.length < entries.length || entries.length < 100) break;
    before = entries.at(-1)?.id;
  }
  return found.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/**
 * Imports one server's audit log: every ban, kick, timeout and unban a person made in Discord's
 * own UI becomes a case, once (a marker written with the case makes a second import a no-op),
 * the bot's own actions skipped (they have their cases already). The cursor moves to the newest
 * entry seen.
 *
 * @example
 * const imported = await syncGuildAuditLog(deps, guildId, task.id); // 3
 */
export async function syncGuildAuditLog(
  deps: ModerationDeps,
  guildId: string,
  reference: string,
): Promise<number> {
  const settings = await loadSettings(deps.data, guildId);
  const botUserId = settings.botUserId;
  if (!botUserId) return 0;
  const entries = await newEntries(deps, guildId, botUserId, settings.auditCursor, reference);
  let imported = 0;
  for (const entry of entries) {
    const found = actionOf(entry);
    if (!found || !entry.userId || entry.userId === botUserId || !entry.targetId) continue;
    try {
      await recordCase(
        deps,
        guildId,
        botUserId,
        {
          action: found.action,
          targetId: entry.targetId,
          moderatorId: entry.userId,
          source: "audit-log",
          auditEntryId: entry.id,
          ...(entry.reason ? { reason: entry.reason } : {}),
          ...(found.endsAt ? { endsAt: found.endsAt } : {}),
        },
        reference,
      );
      imported += 1;
    } catch (error) {
      if (!(error instanceof AlreadyImportedError)) throw error;
    }
  }
  const newest = entries.at(-1)?.id;
  if (newest) await updateSettings(deps, guildId, { auditCursor: newest });
  return imported;
}

/** The recurring task: every server that used moderation, one at a time, until the time limit nears. */
export async function syncAuditLogs(deps: ModerationDeps, context: TaskContext): Promise<void> {
  for await (const guildId of deps.data.tenants.all()) {
    if (context.signal.aborted) return;
    try {
      const imported = await syncGuildAuditLog(deps, guildId, taskReference(context.task.id));
      if (imported > 0) context.logger.info("moderation.audit-sync", { guildId, imported });
    } catch (error) {
      // One server's refusal (the bot lost View Audit Log) must not stop the others.
      context.logger.warn("moderation.audit-sync failed", { guildId, error: String(error) });
    }
  }
}

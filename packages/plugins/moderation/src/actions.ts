import type { JobContext } from "@megawatts/core";
import type { CaseAction, CaseSource } from "./cases/case.ts";
import type { ModerationDeps } from "./deps.ts";
import type { ActionName, ActionPayload } from "./payloads.ts";
import { recordCase } from "./record.ts";
import { duration, refusalMessage, textMessage } from "./render.ts";

interface ToolCall {
  tool: string;
  params: Record<string, unknown>;
}

const HOUR_MS = 3_600_000;
const DANGEROUS: readonly ActionName[] = ["kick", "ban", "softban", "purge"];
/** The softban's default window: the day of messages that usually prompts it. */
const SOFTBAN_DELETE_HOURS = 24;

const NOTICE: Partial<Record<ActionName, string>> = {
  warn: "You have been warned",
  timeout: "You have been timed out",
  kick: "You have been kicked",
  ban: "You have been banned",
  softban: "You have been removed and your recent messages deleted",
};

/** The direct message a member gets before the action (the server named by id: no extra lookup). */
function notice(payload: ActionPayload): string | undefined {
  const lead = NOTICE[payload.action];
  if (!lead) return undefined;
  const length =
    payload.action === "timeout" && payload.minutes
      ? ` for ${duration(payload.minutes)}`
      : payload.hours
        ? ` for ${duration(payload.hours * 60)}`
        : "";
  return `${lead}${length} in a server you are in (id ${payload.actor.guildId}). Reason: ${payload.reason ?? "none given"}`;
}

/** Drops absent values, so optional parameters stay absent rather than `undefined`. */
const call = (tool: string, params: Record<string, unknown>): ToolCall => ({
  tool,
  params: Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)),
});

/** The tool calls an action makes, in order (a softban is a ban then an unban). */
export function toolCalls(payload: ActionPayload): ToolCall[] {
  const target = payload.targetId;
  const dm = notice(payload);
  switch (payload.action) {
    case "warn":
      return [call("member_warn", { memberId: target, notice: dm })];
    case "timeout":
      return [call("member_timeout", { memberId: target, minutes: payload.minutes, notice: dm })];
    case "untimeout":
      return [call("member_timeout_remove", { memberId: target })];
    case "kick":
      return [call("member_kick", { memberId: target, notice: dm })];
    case "ban":
      return [
        call("member_ban", { userId: target, deleteMessageHours: payload.deleteHours ?? 0, notice: dm }),
      ];
    case "unban":
      return [call("member_unban", { userId: target })];
    case "softban":
      return [
        call("member_ban", {
          userId: target,
          deleteMessageHours: payload.deleteHours ?? SOFTBAN_DELETE_HOURS,
          notice: dm,
        }),
        call("member_unban", { userId: target }),
      ];
    case "purge":
      return [
        call("message_bulk_delete", {
          channelId: payload.channelId ?? payload.actor.channelId,
          count: payload.count,
          authorId: target,
        }),
      ];
  }
}

export const needsConfirmation = (action: ActionName) => DANGEROUS.includes(action);

/** The schedule id of a temporary ban's unban: one per ban case. */
export const unbanScheduleId = (banCase: number) => `unban-${banCase}`;

/** Cancels the scheduled end of a member's temporary ban, when an unban comes first. */
async function cancelScheduledUnban(deps: ModerationDeps, guild: string, userId: string) {
  const pending = await deps.scheduler.list(guild);
  for (const task of pending)
    if (task.kind === "moderation.unban" && (task.payload as { userId?: string }).userId === userId)
      await deps.scheduler.cancel(guild, task.id);
}

/**
 * Runs an action for a moderator: every tool call's checks (permissions, hierarchy, owner, self,
 * bot) before anything changes, the member's direct message first (best effort), the action,
 * then the case, the mod log entry, a temporary ban's scheduled unban and the answer.
 *
 * @example
 * await runAction(deps, context, { actor, action: "warn", targetId, reason: "spam" });
 */
export async function runAction(
  deps: ModerationDeps,
  context: Pick<JobContext, "reply" | "signal" | "job">,
  payload: ActionPayload,
  options: { source?: CaseSource; evidence?: unknown; links?: string[] } = {},
): Promise<number | undefined> {
  const { actor } = payload;
  const reference = context.job.id;
  const calls = toolCalls(payload);
  const results: unknown[] = [];
  let summary = "";
  for (const [index, step] of calls.entries()) {
    const outcome = await deps.executor.execute(
      { ...step, actor, reason: `/${payload.action}: ${payload.reason ?? ""}`.slice(0, 200), reference },
      { signal: context.signal },
    );
    if (!outcome.ok) {
      if (index === 0) {
        await context.reply(refusalMessage(outcome.refusal));
        return undefined;
      }
      summary += ` The second step failed: ${outcome.refusal.message}`;
      break;
    }
    results.push(outcome.result.data);
    summary = summary || outcome.result.summary;
  }
  const first = (results[0] ?? {}) as { dm?: "sent" | "failed" | "none"; deleted?: number };
  const endsAt = endOf(deps, payload);
  const { record, modLogNote } = await recordCase(
    deps,
    actor.guildId,
    actor.botUserId,
    caseOf(payload, first, endsAt, options),
    reference,
  );
  if (payload.action === "ban" && payload.hours && endsAt) {
    const unban = { userId: payload.targetId ?? "", banCase: record.number, botUserId: actor.botUserId };
    await deps.scheduler.schedule({
      kind: "moderation.unban",
      guildId: actor.guildId,
      payload: unban,
      runAt: endsAt,
      id: unbanScheduleId(record.number),
    });
  }
  if (payload.action === "unban" && payload.targetId)
    await cancelScheduledUnban(deps, actor.guildId, payload.targetId);
  const dm =
    first.dm === "failed"
      ? "I could not send them a direct message: they do not accept messages from this server."
      : first.dm === "sent"
        ? "They were told by direct message."
        : "";
  await context.reply(
    textMessage([`✅ Case #${record.number}: ${summary}`, dm, modLogNote].filter(Boolean).join("\n")),
  );
  return record.number;
}

function endOf(deps: ModerationDeps, payload: ActionPayload): number | undefined {
  if (payload.action === "timeout" && payload.minutes) return deps.clock.now() + payload.minutes * 60_000;
  if (payload.action === "ban" && payload.hours) return deps.clock.now() + payload.hours * HOUR_MS;
  return undefined;
}

function caseOf(
  payload: ActionPayload,
  result: { dm?: "sent" | "failed" | "none" },
  endsAt: number | undefined,
  options: { source?: CaseSource; evidence?: unknown; links?: string[] },
) {
  const minutes =
    payload.action === "timeout" ? payload.minutes : payload.hours ? payload.hours * 60 : undefined;
  return {
    action: payload.action as CaseAction,
    moderatorId: payload.actor.userId,
    source: options.source ?? "command",
    ...(payload.targetId ? { targetId: payload.targetId } : {}),
    ...(payload.action === "purge" ? { channelId: payload.channelId ?? payload.actor.channelId } : {}),
    ...(payload.reason ? { reason: payload.reason } : {}),
    ...(options.evidence !== undefined ? { evidence: options.evidence } : {}),
    ...(options.links ? { links: options.links } : {}),
    ...(minutes ? { durationMinutes: minutes } : {}),
    ...(endsAt ? { endsAt } : {}),
    ...(result.dm ? { dm: result.dm } : {}),
  };
}

/** The plan of a dangerous action in words, after its checks passed; or the refusal. */
export async function prepareAction(deps: ModerationDeps, payload: ActionPayload, reference: string) {
  const [first] = toolCalls(payload);
  if (!first) throw new Error(`no tool call for ${payload.action}`);
  return deps.executor.prepare({ ...first, actor: payload.actor, reference });
}

import type { JobContext, TaskContext } from "@megawatts/core";
import { needsConfirmation, prepareAction, runAction } from "./actions.ts";
import { syncAuditLogs } from "./audit-sync.ts";
import { loadCase } from "./cases/store.ts";
import { runCommand } from "./commands.ts";
import { type ModerationDeps, taskReference } from "./deps.ts";
import { botActor } from "./mod-log.ts";
import type { ActionPayload, ConfirmPayload, UnbanPayload } from "./payloads.ts";
import { savePending, takePending } from "./pending.ts";
import { recordCase, refreshModLog } from "./record.ts";
import { confirmMessage, duration, refusalMessage, textMessage } from "./render.ts";
import { decideReport, fileReport } from "./reports.ts";
import { updateSettings } from "./settings.ts";
import { countUse } from "./stats.ts";

/** A command: counted, the bot's id remembered for scheduled work, then a dangerous one confirmed first. */
async function act(deps: ModerationDeps, context: JobContext): Promise<void> {
  const payload = context.payload as ActionPayload;
  const { actor } = payload;
  await countUse(deps, actor.guildId, `command.${payload.action}`);
  await updateSettings(deps, actor.guildId, { botUserId: actor.botUserId });
  if (!needsConfirmation(payload.action)) {
    await runAction(deps, context, payload);
    return;
  }
  const prepared = await prepareAction(deps, payload, context.job.id);
  if (!prepared.ok) return context.reply(refusalMessage(prepared.refusal));
  const pendingId = await savePending(deps, payload);
  const reason = payload.reason ? `\nReason: ${payload.reason}` : "";
  const length = payload.hours ? `\nThe ban ends by itself after ${duration(payload.hours * 60)}.` : "";
  await context.reply(confirmMessage(`${prepared.prepared.plan}${length}${reason}`, pendingId, actor.userId));
}

async function decide(deps: ModerationDeps, context: JobContext, confirmed: boolean): Promise<void> {
  const { pendingId, actor } = context.payload as ConfirmPayload;
  const taken = await takePending(deps, actor.guildId, pendingId, actor.userId);
  if ("expired" in taken)
    return context.reply(
      textMessage(
        "This confirmation has expired or was already used; nothing was changed. Run the command again.",
      ),
    );
  if ("notYours" in taken)
    return context.followUp({
      ...textMessage(`Only <@${taken.notYours}>, who asked for this, can confirm or cancel it.`),
      flags: 64,
    });
  if (!confirmed) return context.reply(textMessage("Cancelled; nothing was changed."));
  // The member who pressed, with their roles now: every check runs again.
  await runAction(deps, context, { ...taken.payload, actor });
}

/**
 * A temporary ban's end: the bot lifts the ban and writes its own case, following up the ban's
 * mod log entry. A ban already lifted by someone leaves nothing to do.
 */
async function unban(deps: ModerationDeps, context: TaskContext): Promise<void> {
  const { userId, banCase, botUserId } = context.payload as UnbanPayload;
  const guildId = context.task.guildId ?? "";
  const actor = botActor(guildId, botUserId, "");
  const reference = taskReference(context.task.id);
  const outcome = await deps.executor.execute({
    tool: "member_unban",
    params: { userId },
    actor,
    reason: `temporary ban (case #${banCase}) ended`,
    reference,
  });
  if (!outcome.ok) {
    context.logger.info("moderation.unban skipped", { guildId, banCase, rule: outcome.refusal.rule });
    return;
  }
  const { record } = await recordCase(
    deps,
    guildId,
    botUserId,
    {
      action: "unban",
      targetId: userId,
      moderatorId: botUserId,
      source: "schedule",
      reason: `Temporary ban (case #${banCase}) ended`,
      refersTo: banCase,
    },
    reference,
  );
  const ban = await loadCase(deps, guildId, banCase);
  if (ban)
    await refreshModLog(deps, guildId, botUserId, ban, reference, [
      { name: "Lifted", value: `case #${record.number}` },
    ]);
}

/**
 * The moderation plugin's handlers, built from exactly what they need.
 *
 * @example
 * const { jobs, tasks } = createModerationHandlers(deps);
 */
export function createModerationHandlers(deps: ModerationDeps) {
  return {
    jobs: {
      "moderation.act": (context: JobContext) => act(deps, context),
      "moderation.confirm": (context: JobContext) => decide(deps, context, true),
      "moderation.cancel": (context: JobContext) => decide(deps, context, false),
      "moderation.command": (context: JobContext) => runCommand(deps, context),
      "moderation.report": (context: JobContext) => fileReport(deps, context),
      "moderation.decide": (context: JobContext) => decideReport(deps, context),
    },
    tasks: {
      "moderation.unban": (context: TaskContext) => unban(deps, context),
      "moderation.audit-sync": (context: TaskContext) => syncAuditLogs(deps, context),
    },
  };
}

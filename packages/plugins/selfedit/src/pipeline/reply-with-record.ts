import type { JobContext } from "@megawatts/core";
import type { SelfEditRecord } from "../records/record.ts";
import { loadRounds, requestText } from "../records/store.ts";
import { proposalMessage } from "../render/proposal.ts";
import { jobScope, type PipelineRun } from "./deps.ts";

/**
 * Shows a stored self-edit as it stands (status, report, the last round's diff or findings):
 * what a redelivered or repeated job answers instead of doing the work again. A job asked
 * outside Discord (no interaction token) edits the proposal message through the bot token, or
 * posts in its channel when that message is unknown or gone.
 *
 * @example
 * if (record.status !== "proposing") return replyWithRecord(deps, context, record);
 */
export async function replyWithRecord(deps: PipelineRun, context: JobContext, record: SelfEditRecord) {
  const { guild, records } = jobScope(deps, context);
  const [request, rounds] = await Promise.all([
    requestText(records, guild, record.requestId),
    loadRounds(records, guild, record.requestId),
  ]);
  const last = rounds.at(-1);
  const feedback = record.status === "rejected" ? last?.feedback : undefined;
  const message = proposalMessage({
    record,
    request,
    ...(last?.diff ? { diff: last.diff } : {}),
    ...(feedback ? { feedback } : {}),
  });
  if (context.job.interaction.token) return context.reply(message);
  if (!deps.messages || !record.channelId) return;
  const edited = record.messageId
    ? await deps.messages.edit(record.channelId, record.messageId, message)
    : false;
  if (!edited) await deps.messages.post(record.channelId, message);
}

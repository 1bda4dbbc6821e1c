import { type JobContext, VisibleError } from "@megawatts/core";
import { DecisionPayloadSchema } from "../payloads.ts";
import { notPending } from "../records/not-pending.ts";
import { loadRecord, requestText, updateRecord } from "../records/store.ts";
import { jobScope, type PipelineRun } from "./deps.ts";
import { openPullRequestFor } from "./open-pull-request.ts";
import { replyWithRecord } from "./reply-with-record.ts";

async function load(deps: PipelineRun, context: JobContext) {
  const payload = DecisionPayloadSchema.parse(context.payload);
  const scope = jobScope(deps, context);
  const record = await loadRecord(scope.records, scope.guild, payload.requestId);
  if (!record) throw new VisibleError(`No self-edit \`${payload.requestId}\` in this server.`);
  const where = {
    ...(payload.channelId ? { channelId: payload.channelId } : {}),
    ...(payload.messageId ? { messageId: payload.messageId } : {}),
  };
  return { ...scope, record, where };
}

/**
 * `selfedit.approve`: opens the pull request of a proposed change and edits the message to
 * link it (buttons gone). Approving an opened request shows it again and opens nothing: the
 * writer finds the branch's open pull request.
 */
export async function approveJob(deps: PipelineRun, context: JobContext): Promise<void> {
  const { guild, user, records, record, where } = await load(deps, context);
  if (record.status === "opened" || record.status === "merged" || record.status === "closed")
    return replyWithRecord(deps, context, record);
  if (record.status !== "proposed") throw new VisibleError(notPending(record, "approve"));
  const located = await updateRecord(records, guild, record.requestId, where);
  const request = await requestText(records, guild, record.requestId);
  const opened = await openPullRequestFor(deps, records, guild, located, request, user);
  await replyWithRecord(deps, context, opened);
}

/**
 * `selfedit.discard`: marks a proposed change discarded and removes the buttons. Anything
 * past proposal (approved, opened, merged) is refused with what to do instead.
 */
export async function discardJob(deps: PipelineRun, context: JobContext): Promise<void> {
  const { guild, user, records, record, where } = await load(deps, context);
  if (record.status !== "proposed") throw new VisibleError(notPending(record, "discard"));
  const current = await updateRecord(records, guild, record.requestId, {
    ...where,
    status: "discarded",
    decidedBy: user,
  });
  await replyWithRecord(deps, context, current);
}

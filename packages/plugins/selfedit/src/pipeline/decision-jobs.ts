import { type JobContext, VisibleError } from "@megawatts/core";
import { DecisionPayloadSchema } from "../payloads.ts";
import type { SelfEditRecord } from "../records/record.ts";
import { loadRecord, requestText, updateRecord } from "../records/store.ts";
import { jobScope, type PipelineRun } from "./deps.ts";
import { openPullRequestFor } from "./open-pull-request.ts";
import { replyWithRecord } from "./reply-with-record.ts";

/** Why a request that is not waiting for a decision cannot be approved or discarded now. */
function notPending(record: SelfEditRecord, action: "approve" | "discard"): string {
  const name = `Self-edit \`${record.requestId}\``;
  const pr = record.pullRequest ? `pull request #${record.pullRequest.number}` : "its pull request";
  switch (record.status) {
    case "proposing":
      return `${name} is still being prepared; ${action} it once it shows its Approve and Discard buttons.`;
    case "rejected":
      return `${name} was rejected by validation, so there is nothing to ${action}.`;
    case "discarded":
      return `${name} was already discarded, so there is nothing to ${action}.`;
    case "failed":
      return `${name} failed, so there is nothing to ${action}.${record.failure ? ` ${record.failure}` : ""}`;
    case "opened":
      return `${name} was already approved and ${pr} is open; close ${pr} on GitHub to drop the change.`;
    case "merged":
      return `${name} was already approved and ${pr} merged; use \`/improve revert\` to undo it.`;
    case "closed":
      return `${name} was already approved and ${pr} was closed without merging.`;
    default:
      return `${name} is not waiting for a decision, so there is nothing to ${action}.`;
  }
}

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

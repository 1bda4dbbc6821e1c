import type { SelfEditRecord } from "./record.ts";

/**
 * Why a request that is not waiting for a decision cannot be approved or discarded now: the
 * same sentence for a click in Discord and one in the dashboard.
 *
 * @example
 * if (record.status !== "proposed") throw new VisibleError(notPending(record, "approve"));
 */
export function notPending(record: SelfEditRecord, action: "approve" | "discard"): string {
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

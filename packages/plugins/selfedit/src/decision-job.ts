/** The FIFO queue self-edit jobs run on, one at a time per repository. */
export const SELFEDIT_QUEUE = "selfedit";

/**
 * The job of an Approve or Discard, from the proposal's buttons or the dashboard: one id per
 * request and decision, so the queue's deduplication and the worker's claim make a click in
 * Discord and one in the dashboard a single action.
 *
 * @example
 * decisionJob("approve", "se_01J…", { channelId, messageId }) // { kind: "selfedit.approve", id: "se_01J….approve", … }
 */
export function decisionJob(
  kind: "approve" | "discard",
  requestId: string,
  where: { channelId?: string | undefined; messageId?: string | undefined },
) {
  const payload = {
    requestId,
    ...(where.channelId ? { channelId: where.channelId } : {}),
    ...(where.messageId ? { messageId: where.messageId } : {}),
  };
  return { kind: `selfedit.${kind}`, queue: SELFEDIT_QUEUE, id: `${requestId}.${kind}`, payload };
}

import { z } from "zod";
import { REQUEST_ID } from "./request-id.ts";

const requestId = z.string().regex(REQUEST_ID);
const snowflake = z.string().regex(/^\d{17,20}$/);

/** `selfedit.request`: a maintainer's request, as the ingress enqueued it. */
export const RequestPayloadSchema = z.object({
  requestId,
  request: z.string().min(10).max(1500),
  target: z.string().max(200).optional(),
});

/** `selfedit.approve` and `selfedit.discard`: a click on the proposal's buttons. */
export const DecisionPayloadSchema = z.object({
  requestId,
  channelId: snowflake.optional(),
  messageId: snowflake.optional(),
});

/** `selfedit.revert`: the revert's own id and the request it reverts. */
export const RevertPayloadSchema = z.object({ requestId, revertOf: requestId });

/** `selfedit.status`: one request, or the latest. */
export const StatusPayloadSchema = z.object({ requestId: requestId.optional() });

import type { APIInteractionResponseCallbackData } from "discord-api-types/v10";
import type { InteractionRef } from "../jobs/job.ts";

/** A message body as Discord accepts it for replies, edits and follow-ups. */
export type MessagePayload = Pick<
  APIInteractionResponseCallbackData,
  "content" | "embeds" | "components" | "flags" | "allowed_mentions"
>;

/**
 * Edits the deferred reply of an interaction and sends follow-ups through its webhook token.
 * Adapters split what exceeds Discord's limits, honour rate limits, and refuse to send
 * once the token is about to expire (15 minutes after the interaction).
 */
export interface InteractionResponder {
  editOriginal(interaction: InteractionRef, message: MessagePayload): Promise<void>;
  followUp(interaction: InteractionRef, message: MessagePayload): Promise<void>;
}

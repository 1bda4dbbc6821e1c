import type { APIInteractionResponseCallbackData } from "discord-api-types/v10";
import type { InteractionRef } from "../jobs/job.ts";

/** A message body as Discord accepts it for replies, edits and follow-ups. */
export type MessagePayload = Pick<
  APIInteractionResponseCallbackData,
  "content" | "embeds" | "components" | "flags" | "allowed_mentions"
>;

/** A file sent along with a message (Discord shows it as an attachment), e.g. a data export. */
export interface MessageFile {
  name: string;
  data: Uint8Array;
  contentType?: string;
}

/**
 * What a worker sends through the interaction webhook: a message body and, optionally, files.
 * Inline replies cannot carry files (the interaction response is plain JSON).
 */
export type ResponderMessage = MessagePayload & { files?: readonly MessageFile[] };

/**
 * Edits the deferred reply of an interaction and sends follow-ups through its webhook token.
 * Adapters split what exceeds Discord's limits, honour rate limits, and refuse to send
 * once the token is about to expire (15 minutes after the interaction).
 */
export interface InteractionResponder {
  editOriginal(interaction: InteractionRef, message: ResponderMessage): Promise<void>;
  followUp(interaction: InteractionRef, message: ResponderMessage): Promise<void>;
}

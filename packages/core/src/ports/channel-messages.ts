import type { MessagePayload } from "./responder.ts";

/**
 * Messages in a channel, through the bot token rather than an interaction token (which dies
 * after 15 minutes): how later events (a pull request merged hours after the request) reach
 * the message a job once posted.
 *
 * @example
 * if (!(await messages.edit(channelId, messageId, { content }))) await messages.post(channelId, { content });
 */
export interface ChannelMessages {
  /** Edits a message the bot sent; resolves false when Discord no longer has it or refuses. */
  edit(channelId: string, messageId: string, message: MessagePayload): Promise<boolean>;
  post(channelId: string, message: MessagePayload): Promise<void>;
}

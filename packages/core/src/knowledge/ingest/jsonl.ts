import type { KnowledgeMessage } from "./ports.ts";

/** A line of a messages file could not be read; names the line. */
export class MessageFileError extends Error {
  override name = "MessageFileError";
}

/**
 * Reads messages from JSON Lines, one message per line, with Discord's field names:
 * `id`, `channel_id`, `author_id`, `timestamp` (ISO 8601 or epoch ms) and `content`; an
 * optional `reply_to` (or `message_reference.message_id`) names the message it answers.
 * Blank lines are skipped.
 *
 * @example
 * parseMessagesJsonl('{"id":"3","channel_id":"2","author_id":"1","timestamp":"2026-01-05T10:00:00Z","content":"hi"}')
 * // [{ id: "3", channelId: "2", authorId: "1", createdAt: 1767607200000, content: "hi" }]
 */
export function parseMessagesJsonl(text: string): KnowledgeMessage[] {
  return text.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    try {
      return [toMessage(JSON.parse(line) as Record<string, unknown>)];
    } catch (error) {
      throw new MessageFileError(`line ${index + 1}: ${error instanceof Error ? error.message : error}`);
    }
  });
}

function toMessage(raw: Record<string, unknown>): KnowledgeMessage {
  const text = (field: string) => {
    const value = raw[field];
    if (typeof value !== "string" && typeof value !== "number") throw new Error(`"${field}" is missing`);
    return String(value);
  };
  const stamp = raw.timestamp;
  const createdAt = typeof stamp === "number" ? stamp : Date.parse(String(stamp));
  if (!Number.isFinite(createdAt)) throw new Error(`"timestamp" is not a date: ${JSON.stringify(stamp)}`);
  const reference = raw.message_reference as { message_id?: unknown } | undefined;
  const replyTo = raw.reply_to ?? reference?.message_id;
  return {
    id: text("id"),
    channelId: text("channel_id"),
    authorId: text("author_id"),
    createdAt,
    content: typeof raw.content === "string" ? raw.content : "",
    ...(typeof replyTo === "string" ? { replyToId: replyTo } : {}),
  };
}

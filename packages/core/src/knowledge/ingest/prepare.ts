import { createHash } from "node:crypto";
import { messageVectorId } from "../ports.ts";
import { type ChunkOptions, chunkText, withContext } from "../text/chunk.ts";
import { type MentionNames, normalizeMessage } from "../text/normalize.ts";
import type { KnowledgeMessage } from "./ports.ts";

/** A message made ready to index: its normalised text, content hash and chunks. */
export interface PreparedMessage {
  message: KnowledgeMessage;
  text: string;
  contentHash: string;
  /** Chunk ids and text as indexed by keywords. */
  chunks: Array<{ id: string; text: string }>;
  /** What each chunk's vector is computed from: the chunk, with context for replies. */
  embedTexts: string[];
}

/**
 * Normalises, hashes and chunks a batch. A message whose `replyToId` names another message of
 * the batch has that message's opening words added to what its chunks are embedded from.
 * Messages with no text left (an image alone, say) are left out.
 *
 * @example
 * const prepared = prepareMessages(messages, { maxWords: 150, overlapWords: 30 });
 */
export function prepareMessages(
  messages: readonly KnowledgeMessage[],
  chunking: ChunkOptions = {},
  names: MentionNames = {},
): PreparedMessage[] {
  const texts = new Map(messages.map((message) => [message.id, normalizeMessage(message.content, names)]));
  return messages.flatMap((message) => {
    const text = texts.get(message.id) ?? "";
    if (text.length === 0) return [];
    const context = message.replyToId !== undefined ? texts.get(message.replyToId) : undefined;
    const chunks = chunkText(text, chunking).map((chunk, n) => ({
      id: messageVectorId(message.channelId, message.id, n),
      text: chunk,
    }));
    const embedTexts = chunks.map((chunk) => withContext(chunk.text, context));
    return [{ message, text, contentHash: contentHash(text), chunks, embedTexts }];
  });
}

/**
 * SHA-256 of a normalised text, hex: how re-ingesting unchanged content is recognised.
 *
 * @example
 * contentHash("hello") // "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
 */
export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

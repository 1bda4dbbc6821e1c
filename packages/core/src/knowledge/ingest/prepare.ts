import { createHash } from "node:crypto";
import {
  type ContextOptions,
  contextChunkId,
  contextText,
  conversationContexts,
} from "../context/conversation.ts";
import { messageVectorId } from "../ports.ts";
import { type ChunkOptions, chunkText } from "../text/chunk.ts";
import { type MentionNames, normalizeMessage } from "../text/normalize.ts";
import type { KnowledgeMessage } from "./ports.ts";

/** Whose text a chunk holds besides its own message's: what erasure looks for. */
export interface ChunkSources {
  messageIds: string[];
  authorIds: string[];
}

/** A chunk to index: its id, its text, and for a context chunk the messages it quotes. */
export interface PreparedChunk {
  id: string;
  text: string;
  sources?: ChunkSources;
}

/** A message made ready to index: its normalised text, content hash and chunks. */
export interface PreparedMessage {
  message: KnowledgeMessage;
  text: string;
  contentHash: string;
  /** The message's own chunks, then its context chunk when it has a conversation around it. */
  chunks: PreparedChunk[];
}

/**
 * Normalises, hashes and chunks a batch. A message's own text is chunked alone; when the
 * batch, or `around` (messages indexed before that it names, see `earlierContext`), holds its
 * conversation (see `conversationContexts`), one more chunk holds its opening
 * words with that conversation, and names the messages and authors it quotes so erasure can
 * find it. Messages with no text left (an image alone, say) are left out.
 *
 * @example
 * const prepared = prepareMessages(messages, { maxWords: 150, overlapWords: 30 });
 */
export function prepareMessages(
  messages: readonly KnowledgeMessage[],
  chunking: ChunkOptions = {},
  context: ContextOptions = {},
  around: readonly KnowledgeMessage[] = [],
  names: MentionNames = {},
): PreparedMessage[] {
  const own = new Set(messages.map((message) => message.id));
  const all = [...around.filter((message) => !own.has(message.id)), ...messages];
  const texts = new Map(all.map((message) => [message.id, normalizeMessage(message.content, names)]));
  const windows = conversationContexts(all, texts, context);
  return messages.flatMap((message) => {
    const text = texts.get(message.id) ?? "";
    if (text.length === 0) return [];
    const chunks: PreparedChunk[] = chunkText(text, chunking).map((chunk, n) => ({
      id: messageVectorId(message.channelId, message.id, n),
      text: chunk,
    }));
    const sources = windows.get(message.id);
    if (sources) {
      chunks.push({
        id: contextChunkId(message.channelId, message.id),
        text: contextText(text, sources),
        sources: {
          messageIds: sources.map((source) => source.messageId),
          authorIds: [...new Set(sources.map((source) => source.authorId))],
        },
      });
    }
    return [{ message, text, contentHash: contentHash(text), chunks }];
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

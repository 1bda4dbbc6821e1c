import type { KnowledgeDeps } from "../deps.ts";
import { normalizeMessage } from "../text/normalize.ts";
import type { Candidate } from "./retrieve.ts";
import { snippet } from "./snippet.ts";

/** One search result, ready for an embed or a list. */
export interface SearchResult {
  messageId: string;
  channelId: string;
  authorId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** ISO 8601. */
  date: string;
  /** The mode's score: BM25, cosine similarity, or the fused score. */
  score: number;
  /** `https://discord.com/channels/<guild>/<channel>/<message>` */
  url: string;
  /** An excerpt around the match; absent when no message source is wired. */
  snippet?: string;
}

/**
 * The jump link of a message.
 *
 * @example
 * jumpLink("1", "2", "3") // "https://discord.com/channels/1/2/3"
 */
export function jumpLink(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

/**
 * Turns candidates into results, reading their text for snippets when a message source is
 * wired. A message the source no longer has (deleted or erased since it was indexed) is
 * left out rather than shown without text.
 *
 * @example
 * const results = await toResults(deps, guildId, "deploy", candidates.slice(0, 10));
 */
export async function toResults(
  deps: KnowledgeDeps,
  guildId: string,
  query: string,
  candidates: readonly Candidate[],
): Promise<SearchResult[]> {
  const texts = deps.messages
    ? await deps.messages.getMessages(
        guildId,
        candidates.map(({ channelId, messageId, createdAt }) => ({ channelId, messageId, createdAt })),
      )
    : undefined;
  return candidates.flatMap((candidate) => {
    const { messageId, channelId, authorId, createdAt, score } = candidate;
    const base = {
      messageId,
      channelId,
      authorId,
      createdAt,
      date: new Date(createdAt).toISOString(),
      score,
      url: jumpLink(guildId, channelId, messageId),
    };
    if (!texts) return [base];
    const found = texts.get(messageId);
    return found ? [{ ...base, snippet: snippet(normalizeMessage(found.content), query) }] : [];
  });
}

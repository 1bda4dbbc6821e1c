import { isContextChunk } from "../context/conversation.ts";
import type { KnowledgeDeps } from "../deps.ts";
import type { MessageRef } from "../ingest/ports.ts";
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
  /**
   * When the message was found through its conversation (its context chunk matched): the
   * opening of the message it follows, so "works now" shows what worked. Absent otherwise.
   */
  context?: string;
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
  const contexts = await contextSources(deps, guildId, candidates);
  const texts = deps.messages
    ? await deps.messages.getMessages(guildId, [
        ...candidates.map(({ channelId, messageId, createdAt }) => ({ channelId, messageId, createdAt })),
        ...contexts.values(),
      ])
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
    if (!found) return [];
    const source = texts.get(contexts.get(messageId)?.messageId ?? "");
    const context = source ? snippet(normalizeMessage(source.content), query, CONTEXT_CHARS) : undefined;
    return [
      { ...base, snippet: snippet(normalizeMessage(found.content), query), ...(context ? { context } : {}) },
    ];
  });
}

const CONTEXT_CHARS = 80;

/** For candidates found by their context chunk: where the message its context opens with is. */
async function contextSources(deps: KnowledgeDeps, guildId: string, candidates: readonly Candidate[]) {
  const found = new Map<string, MessageRef>();
  const byContext = candidates.filter((candidate) => isContextChunk(candidate.chunkId));
  if (!deps.messages || byContext.length === 0) return found;
  const indexed = await deps.keywords.indexed(
    guildId,
    byContext.map((candidate) => candidate.messageId),
  );
  const firstOf = new Map(
    [...indexed].flatMap(([id, message]) => (message.context?.[0] ? [[id, message.context[0]]] : [])),
  );
  const sources = await deps.keywords.indexed(guildId, [...firstOf.values()]);
  for (const [id, sourceId] of firstOf) {
    const source = sources.get(sourceId);
    if (source)
      found.set(id, { channelId: source.channelId, messageId: sourceId, createdAt: source.createdAt });
  }
  return found;
}

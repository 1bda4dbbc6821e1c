import type { KeywordState } from "./keyword-state.ts";
import type { KeywordMessage } from "./ports.ts";

/** Which messages a search may return; time bounds are inclusive epoch milliseconds. */
export interface MessageFilter {
  channelId?: string;
  authorId?: string;
  after?: number;
  before?: number;
}

export interface KeywordHit {
  messageId: string;
  /** The message's best chunk. */
  chunkId: string;
  score: number;
}

/** BM25's usual constants: term-frequency saturation and length normalisation. */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/**
 * Whether a message passes a filter.
 *
 * @example
 * passesFilter(message, { channelId: "2", after: Date.parse("2026-01-01") })
 */
export function passesFilter(message: Omit<KeywordMessage, "chunks">, filter: MessageFilter = {}): boolean {
  if (filter.channelId !== undefined && message.channelId !== filter.channelId) return false;
  if (filter.authorId !== undefined && message.authorId !== filter.authorId) return false;
  if (filter.after !== undefined && message.createdAt < filter.after) return false;
  if (filter.before !== undefined && message.createdAt > filter.before) return false;
  return true;
}

/**
 * Okapi BM25 over chunks, best chunk per message, best messages first; ties go to the newer
 * message. IDF is `ln(1 + (N − df + 0.5) / (df + 0.5))`, never negative.
 *
 * Terms are scored rarest first. A term adds at most `idf × (k1 + 1)` to a chunk, so once the
 * terms left could not lift a chunk not yet scored to the `limit`-th best message, their
 * (long) posting lists are only looked up for the chunks already scored (MaxScore): the same
 * results, without walking every chunk that holds a common word.
 *
 * @example
 * bm25Search(state, ["q3X9v0LrTj8e"], { limit: 10, filter: { channelId } })
 */
export function bm25Search(
  state: KeywordState,
  termHashes: readonly string[],
  options: { limit: number; filter?: MessageFilter },
): KeywordHit[] {
  const n = state.chunkCount;
  if (n === 0) return [];
  const averageLength = state.totalLength / n || 1;
  const terms = [...new Set(termHashes)]
    .flatMap((term) => {
      const postings = state.postings(term);
      if (!postings) return [];
      return [{ postings, idf: Math.log(1 + (n - postings.size + 0.5) / (postings.size + 0.5)) }];
    })
    .sort((a, b) => a.postings.size - b.postings.size);
  const weight = (idf: number, tf: number, chunkId: string) => {
    const length = state.chunk(chunkId)?.length ?? averageLength;
    const norm = BM25.k1 * (1 - BM25.b + (BM25.b * length) / averageLength);
    return (idf * tf * (BM25.k1 + 1)) / (tf + norm);
  };
  const scores = new Map<string, number>();
  let left = terms.reduce((sum, term) => sum + term.idf * (BM25.k1 + 1), 0);
  let closed = false;
  for (const { postings, idf } of terms) {
    if (!closed && postings.size > scores.size) {
      closed = left < kthBest(rank(state, scores, options.filter), options.limit);
    }
    left -= idf * (BM25.k1 + 1);
    if (closed) {
      for (const [chunkId, score] of scores) {
        const tf = postings.get(chunkId);
        if (tf !== undefined) scores.set(chunkId, score + weight(idf, tf, chunkId));
      }
    } else {
      for (const [chunkId, tf] of postings) {
        scores.set(chunkId, (scores.get(chunkId) ?? 0) + weight(idf, tf, chunkId));
      }
    }
  }
  return rank(state, scores, options.filter)
    .slice(0, options.limit)
    .map(({ messageId, chunkId, score }) => ({ messageId, chunkId, score }));
}

/** Messages that pass the filter, each with its best chunk, best first. */
function rank(state: KeywordState, scores: ReadonlyMap<string, number>, filter?: MessageFilter) {
  const best = new Map<string, KeywordHit & { createdAt: number }>();
  for (const [chunkId, score] of scores) {
    const message = state.message(state.chunk(chunkId)?.messageId ?? "");
    if (!message || !passesFilter(message, filter)) continue;
    const seen = best.get(message.messageId);
    if (!seen || score > seen.score) {
      best.set(message.messageId, {
        messageId: message.messageId,
        chunkId,
        score,
        createdAt: message.createdAt,
      });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || b.createdAt - a.createdAt);
}

/** The score of the `limit`-th message, or 0 when there are fewer. */
const kthBest = (ranked: ReadonlyArray<{ score: number }>, limit: number) => ranked[limit - 1]?.score ?? 0;

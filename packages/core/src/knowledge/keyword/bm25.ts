import type { IndexedChunk, KeywordState } from "./keyword-state.ts";
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
  channelId: string;
  authorId: string;
  /** Epoch milliseconds. */
  createdAt: number;
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
 * message, then to the message scored first. IDF is `ln(1 + (N − df + 0.5) / (df + 0.5))`,
 * never negative.
 *
 * Terms are scored rarest first. A term adds at most `idf × (k1 + 1)` to a chunk, so once the
 * terms left could not lift a chunk not yet scored to the `limit`-th best message, their
 * (long) posting lists are only looked up for the chunks already scored (MaxScore): the same
 * results, without walking every chunk that holds a common word. The best messages are picked
 * with a bounded heap rather than by sorting every message that matched.
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
  if (n === 0 || options.limit < 1) return [];
  const averageLength = state.totalLength / n || 1;
  const terms = [...new Set(termHashes)]
    .flatMap((term) => {
      const postings = state.postings(term);
      if (!postings) return [];
      return [{ postings, idf: Math.log(1 + (n - postings.size + 0.5) / (postings.size + 0.5)) }];
    })
    .sort((a, b) => a.postings.size - b.postings.size);
  const weight = (idf: number, tf: number, chunk: IndexedChunk) => {
    const norm = BM25.k1 * (1 - BM25.b + (BM25.b * chunk.length) / averageLength);
    return (idf * tf * (BM25.k1 + 1)) / (tf + norm);
  };
  const scores = new Map<IndexedChunk, number>();
  let left = terms.reduce((sum, term) => sum + term.idf * (BM25.k1 + 1), 0);
  let closed = false;
  for (const { postings, idf } of terms) {
    if (!closed && postings.size > scores.size) {
      closed = left < kthBest(bestMessages(state, scores, options.filter), options.limit);
    }
    left -= idf * (BM25.k1 + 1);
    if (closed) {
      for (const [chunk, score] of scores) {
        const tf = postings.get(chunk);
        if (tf !== undefined) scores.set(chunk, score + weight(idf, tf, chunk));
      }
    } else {
      for (const [chunk, tf] of postings) {
        scores.set(chunk, (scores.get(chunk) ?? 0) + weight(idf, tf, chunk));
      }
    }
  }
  return topMessages(bestMessages(state, scores, options.filter), options.limit).map(
    ({ message, chunkId, score }) => ({
      messageId: message.messageId,
      chunkId,
      score,
      channelId: message.channelId,
      authorId: message.authorId,
      createdAt: message.createdAt,
    }),
  );
}

interface Best {
  message: Omit<KeywordMessage, "chunks">;
  chunkId: string;
  score: number;
  /** When the message was first met among the scores: the last tie-break. */
  order: number;
}

/** Messages that pass the filter, each with its best chunk, in the order they were first met. */
function bestMessages(
  state: KeywordState,
  scores: ReadonlyMap<IndexedChunk, number>,
  filter?: MessageFilter,
): Best[] {
  const best = new Map<string, Best>();
  for (const [chunk, score] of scores) {
    const seen = best.get(chunk.messageId);
    if (seen) {
      if (score > seen.score) {
        seen.score = score;
        seen.chunkId = chunk.id;
      }
      continue;
    }
    const message = state.message(chunk.messageId);
    if (!message || !passesFilter(message, filter)) continue;
    best.set(chunk.messageId, { message, chunkId: chunk.id, score, order: best.size });
  }
  return [...best.values()];
}

/** Whether `a` ranks before `b`: higher score, then newer, then met first. */
const before = (a: Best, b: Best) =>
  a.score !== b.score
    ? a.score > b.score
    : a.message.createdAt !== b.message.createdAt
      ? a.message.createdAt > b.message.createdAt
      : a.order < b.order;

/** The `limit` best, best first: a heap of the best so far, its root the worst of them. */
function topMessages(all: readonly Best[], limit: number): Best[] {
  const heap: Best[] = [];
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && before(heap[worst] as Best, heap[l] as Best)) worst = l;
      if (r < heap.length && before(heap[worst] as Best, heap[r] as Best)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst] as Best, heap[i] as Best];
      i = worst;
    }
  };
  for (const entry of all) {
    if (heap.length < limit) {
      heap.push(entry);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!before(heap[parent] as Best, heap[i] as Best)) break;
        [heap[i], heap[parent]] = [heap[parent] as Best, heap[i] as Best];
        i = parent;
      }
    } else if (before(entry, heap[0] as Best)) {
      heap[0] = entry;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}

/** The score of the `limit`-th best message, or 0 when there are fewer. */
function kthBest(all: readonly Best[], limit: number): number {
  if (all.length < limit) return 0;
  return topMessages(all, limit).at(-1)?.score ?? 0;
}

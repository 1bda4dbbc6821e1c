import { describe, expect, it } from "vitest";
import { BM25, bm25Search, type MessageFilter, passesFilter } from "./bm25.ts";
import { KeywordState } from "./keyword-state.ts";
import type { KeywordMessage } from "./ports.ts";

const chunk = (id: string, terms: Record<string, number>) => ({
  id,
  terms,
  length: Object.values(terms).reduce((a, b) => a + b, 0),
});

describe("bm25Search", () => {
  it("scores with Okapi BM25: idf × tf·(k1+1) / (tf + k1·(1 − b + b·len/avg))", () => {
    const state = new KeywordState();
    const base = { channelId: "2", authorId: "3", contentHash: "h" };
    state.apply({
      seq: "01",
      upserts: [
        { ...base, messageId: "a", createdAt: 1, chunks: [chunk("2:a:0", { x: 2, y: 1 })] },
        { ...base, messageId: "b", createdAt: 2, chunks: [chunk("2:b:0", { y: 1 })] },
      ],
    });
    const [hit] = bm25Search(state, ["x"], { limit: 1 });
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const norm = BM25.k1 * (1 - BM25.b + (BM25.b * 3) / 2);
    expect(hit?.messageId).toBe("a");
    expect(hit?.score).toBeCloseTo((idf * 2 * (BM25.k1 + 1)) / (2 + norm), 10);
  });

  it("scores a message by its best chunk", () => {
    const state = new KeywordState();
    state.apply({
      seq: "01",
      upserts: [
        {
          messageId: "m",
          channelId: "2",
          authorId: "3",
          createdAt: 1,
          contentHash: "h",
          chunks: [chunk("2:m:0", { x: 1 }), chunk("2:m:1", { x: 3 })],
        },
      ],
    });
    expect(bm25Search(state, ["x"], { limit: 5 }).map((hit) => hit.chunkId)).toEqual(["2:m:1"]);
  });

  it("ranks the top messages the same whether or not the limit lets it skip a common term's chunks", () => {
    const state = new KeywordState();
    state.apply({
      seq: "01",
      upserts: Array.from({ length: 40 }, (_, i) => ({
        messageId: String(100 + i),
        channelId: String(i % 2),
        authorId: "3",
        createdAt: i,
        contentHash: "h",
        chunks: [
          chunk(`2:${100 + i}:0`, i < 12 ? { rare: 1 + (i % 3), common: 1 + (i % 4) } : { common: 3 }),
        ],
      })),
    });
    for (const filter of [undefined, { channelId: "1" }]) {
      const everything = bm25Search(
        state,
        ["common", "rare"],
        filter ? { limit: 100, filter } : { limit: 100 },
      );
      const top = bm25Search(state, ["common", "rare"], filter ? { limit: 4, filter } : { limit: 4 });
      expect(everything.length).toBeGreaterThan(4);
      expect(top).toEqual(everything.slice(0, 4));
    }
  });

  it("ranks the same top messages as scoring every chunk and sorting every message", () => {
    const { state, messages } = skewedGuild();
    const queries = [["t0"], ["t1", "t40"], ["t3", "t0", "t1"], ["t7", "t2"], ["t55", "t0"], ["t99"]];
    const filters: Array<MessageFilter | undefined> = [
      undefined,
      { channelId: "c1" },
      { after: 150, before: 400 },
    ];
    for (const terms of queries) {
      for (const filter of filters) {
        for (const limit of [1, 5, 20, 100]) {
          const pruned = bm25Search(state, terms, filter ? { limit, filter } : { limit });
          expect(pruned).toEqual(unpruned(state, messages, terms, limit, filter));
        }
      }
    }
  });
});

/**
 * A guild with Zipf-like term use (t0 in most chunks, t99 in few), messages of one to three
 * chunks, and exact ties: copies of the same chunk, some at the same time.
 */
function skewedGuild() {
  let seed = 11;
  const next = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const messages: KeywordMessage[] = [];
  for (let m = 0; m < 600; m++) {
    const copy = m % 50 === 49 ? messages[m - 1] : undefined;
    const chunks = Array.from({ length: 1 + Math.floor(next() ** 3 * 3) }, (_, c) => {
      const terms: Record<string, number> = {};
      const size = 2 + Math.floor(next() * 12);
      for (let w = 0; w < size; w++) {
        const term = `t${Math.floor(next() ** 2.5 * 100)}`;
        terms[term] = (terms[term] ?? 0) + 1;
      }
      return chunk(`c${m % 3}:${m}:${c}`, terms);
    });
    messages.push({
      messageId: String(m),
      channelId: `c${m % 3}`,
      authorId: `a${m % 7}`,
      createdAt: m % 10 === 0 ? 500 : m,
      contentHash: "h",
      chunks: copy ? copy.chunks.map((c, n) => ({ ...c, id: `c${m % 3}:${m}:${n}` })) : chunks,
    });
  }
  const state = new KeywordState();
  state.apply({ seq: "01", upserts: messages });
  return { state, messages };
}

/** BM25 of every chunk holding a query term (summed rarest term first), every message sorted. */
function unpruned(
  state: KeywordState,
  messages: readonly KeywordMessage[],
  terms: readonly string[],
  limit: number,
  filter?: MessageFilter,
) {
  const chunks = messages.flatMap((message) => message.chunks.map((c) => ({ message, c })));
  const n = chunks.length;
  const average = chunks.reduce((sum, { c }) => sum + c.length, 0) / n;
  const counts = new Map<string, number>();
  for (const { c } of chunks)
    for (const term of Object.keys(c.terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const df = (term: string) => counts.get(term) ?? 0;
  const order = [...new Set(terms)].filter((term) => df(term) > 0).sort((a, b) => df(a) - df(b));
  const ranked: Array<{ messageId: string; chunkId: string; score: number; createdAt: number }> = [];
  for (const { message, c } of chunks) {
    if (!order.some((term) => c.terms[term] !== undefined)) continue;
    let score = 0;
    for (const term of order) {
      const tf = c.terms[term];
      if (tf === undefined) continue;
      const idf = Math.log(1 + (n - df(term) + 0.5) / (df(term) + 0.5));
      const norm = BM25.k1 * (1 - BM25.b + (BM25.b * c.length) / average);
      score += (idf * tf * (BM25.k1 + 1)) / (tf + norm);
    }
    if (!passesFilter(message, filter)) continue;
    const seen = ranked.find((entry) => entry.messageId === message.messageId);
    if (!seen)
      ranked.push({ messageId: message.messageId, chunkId: c.id, score, createdAt: message.createdAt });
    else if (score > seen.score) Object.assign(seen, { chunkId: c.id, score });
  }
  expect(state.chunkCount).toBe(n);
  const byId = new Map(messages.map((message) => [message.messageId, message]));
  return ranked
    .sort((a, b) => b.score - a.score || b.createdAt - a.createdAt)
    .slice(0, limit)
    .map(({ messageId, chunkId, score }) => {
      const { channelId, authorId, createdAt } = byId.get(messageId) as KeywordMessage;
      return { messageId, chunkId, score, channelId, authorId, createdAt };
    });
}

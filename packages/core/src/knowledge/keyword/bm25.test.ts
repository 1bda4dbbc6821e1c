import { describe, expect, it } from "vitest";
import { BM25, bm25Search } from "./bm25.ts";
import { KeywordState } from "./keyword-state.ts";

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
});

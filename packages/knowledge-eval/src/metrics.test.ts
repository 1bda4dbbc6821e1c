import { describe, expect, it } from "vitest";
import { better, meanScores, scoreRanking } from "./metrics.ts";

describe("scoreRanking", () => {
  it("counts relevant ids in the top k, the rank of the first and the discounted gain", () => {
    const score = scoreRanking(["a", "x", "b", "c"], ["b", "c", "d"], 3);
    expect(score.recall).toBe(1 / 3);
    expect(score.reciprocalRank).toBe(1 / 3);
    // One hit at rank 3 (gain 1/log2(4) = 0.5) against the ideal of three hits in the top 3.
    expect(score.ndcg).toBeCloseTo(0.5 / (1 + 1 / Math.log2(3) + 0.5), 10);
    expect(scoreRanking(["x", "y"], ["b"], 10)).toEqual({ recall: 0, reciprocalRank: 0, ndcg: 0 });
  });

  it("gives a perfect ranking an nDCG of 1", () => {
    expect(scoreRanking(["b", "c", "x"], ["c", "b"], 10).ndcg).toBeCloseTo(1, 10);
  });

  it("refuses a query without relevant messages", () => {
    expect(() => scoreRanking(["a"], [], 10)).toThrow(RangeError);
  });
});

describe("meanScores and better", () => {
  it("average per-query scores and order by recall, then MRR", () => {
    const mean = meanScores([
      { recall: 1, reciprocalRank: 1, ndcg: 1 },
      { recall: 0.5, reciprocalRank: 0, ndcg: 0.2 },
    ]);
    expect(mean).toEqual({ recall: 0.75, mrr: 0.5, ndcg: 0.6 });
    expect(better({ recall: 0.8, mrr: 0.1 }, { recall: 0.7, mrr: 0.9 })).toBe(true);
    expect(better({ recall: 0.8, mrr: 0.5 }, { recall: 0.8, mrr: 0.5 })).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { better, meanScores, scoreRanking } from "./metrics.ts";

describe("scoreRanking", () => {
  it("counts relevant ids in the top k and the rank of the first", () => {
    expect(scoreRanking(["a", "x", "b", "c"], ["b", "c", "d"], 3)).toEqual({
      recall: 1 / 3,
      reciprocalRank: 1 / 3,
    });
    expect(scoreRanking(["x", "y"], ["b"], 10)).toEqual({ recall: 0, reciprocalRank: 0 });
  });

  it("refuses a query without relevant messages", () => {
    expect(() => scoreRanking(["a"], [], 10)).toThrow(RangeError);
  });
});

describe("meanScores and better", () => {
  it("average per-query scores and order by recall, then MRR", () => {
    const mean = meanScores([
      { recall: 1, reciprocalRank: 1 },
      { recall: 0.5, reciprocalRank: 0 },
    ]);
    expect(mean).toEqual({ recall: 0.75, mrr: 0.5 });
    expect(better({ recall: 0.8, mrr: 0.1 }, { recall: 0.7, mrr: 0.9 })).toBe(true);
    expect(better({ recall: 0.8, mrr: 0.5 }, { recall: 0.8, mrr: 0.5 })).toBe(false);
  });
});

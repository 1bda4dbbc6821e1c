import { describe, expect, it } from "vitest";
import { reciprocalRankFusion, weightedScoreFusion } from "./fusion.ts";

const list = (...ids: string[]) => ids.map((id, i) => ({ id, score: 100 - i }));

describe("reciprocalRankFusion", () => {
  it("sums 1 / (k + rank) over the lists an id appears in", () => {
    const fused = reciprocalRankFusion([list("a", "b", "c"), list("c", "a")], 60);
    expect(fused.map((entry) => entry.id)).toEqual(["a", "c", "b"]);
    expect(fused[0]?.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused[1]?.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused[2]?.score).toBeCloseTo(1 / 62, 12);
  });

  it("ignores the scale of scores and breaks ties by the best single rank", () => {
    const fused = reciprocalRankFusion([
      [
        { id: "x", score: 1e9 },
        { id: "y", score: 1 },
      ],
      [
        { id: "y", score: 0.01 },
        { id: "x", score: 0.001 },
      ],
    ]);
    expect(fused[0]?.score).toBe(fused[1]?.score);
    expect(fused.map((entry) => entry.id)).toEqual(["x", "y"]);
  });

  it("lets a small k favour the top of each list more than a large k", () => {
    const lists = [list("a", "b", "c", "d"), list("d", "c", "b", "a")];
    const gap = (k: number) => {
      const fused = reciprocalRankFusion([...lists, list("a")], k);
      return (fused[0]?.score ?? 0) - (fused[1]?.score ?? 0);
    };
    expect(gap(1)).toBeGreaterThan(gap(60));
  });
});

describe("weightedScoreFusion", () => {
  it("scales each list to [0, 1] and adds them with their weights", () => {
    const fused = weightedScoreFusion(
      [
        [
          { id: "a", score: 12 },
          { id: "b", score: 4 },
        ],
        [
          { id: "b", score: 0.9 },
          { id: "c", score: 0.3 },
        ],
      ],
      [0.7, 0.3],
    );
    expect(fused).toEqual([
      { id: "a", score: 0.7 },
      { id: "b", score: 0.3 },
      { id: "c", score: 0 },
    ]);
  });
});

describe("weighted reciprocal rank fusion", () => {
  it("multiplies each list's contribution by its weight", () => {
    const fused = reciprocalRankFusion([list("a", "b"), list("b", "a")], 60, [1, 2]);
    expect(fused.map((entry) => entry.id)).toEqual(["b", "a"]);
    expect(fused[0]?.score).toBeCloseTo(1 / 62 + 2 / 61, 12);
  });
});

import { describe, expect, it } from "vitest";
import { estimateTokens, OPENAI_EMBEDDING_LIMITS, planBatches } from "./batches.ts";

const sizes = (batches: Array<[number, number]>) => batches.map(([start, end]) => end - start);

describe("planBatches", () => {
  it("keeps every request within the input limit", () => {
    const texts = Array.from({ length: 5_000 }, () => "hi");
    expect(sizes(planBatches(texts, OPENAI_EMBEDDING_LIMITS))).toEqual([2_048, 2_048, 904]);
  });

  it("keeps every request within the token budget", () => {
    const texts = Array.from({ length: 10 }, () => "x".repeat(30));
    expect(sizes(planBatches(texts, { maxInputs: 100, maxTokens: 100 }))).toEqual([3, 3, 3, 1]);
  });

  it("covers every text once, in order, with no empty batch", () => {
    const texts = Array.from({ length: 37 }, (_, i) => "y".repeat(1 + ((i * 7) % 23)));
    const batches = planBatches(texts, { maxInputs: 5, maxTokens: 40 });
    expect(batches[0]?.[0]).toBe(0);
    for (const [i, [start, end]] of batches.entries()) {
      expect(end).toBeGreaterThan(start);
      if (i > 0) expect(start).toBe(batches[i - 1]?.[1]);
    }
    expect(batches.at(-1)?.[1]).toBe(37);
  });

  it("sends a text bigger than the budget alone", () => {
    const texts = ["small", "x".repeat(500), "small"];
    expect(planBatches(texts, { maxInputs: 10, maxTokens: 100 })).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it("plans nothing for no texts", () => {
    expect(planBatches([], OPENAI_EMBEDDING_LIMITS)).toEqual([]);
  });
});

describe("estimateTokens", () => {
  it("never counts fewer tokens than UTF-8 bytes, so multi-byte text is not underestimated", () => {
    expect(estimateTokens("hello")).toBe(5);
    expect(estimateTokens("日本語")).toBe(9);
    expect(estimateTokens("")).toBe(1);
  });
});

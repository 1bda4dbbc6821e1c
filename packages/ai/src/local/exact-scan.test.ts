import { describe, expect, it } from "vitest";
import { jsFullScan, loadNativeScan, scanRows } from "./exact-scan.ts";
import { TopK } from "./top-k.ts";

/** Deterministic unit vectors (a linear congruential generator, fixed seed). */
function unitVectors(count: number, dims: number, seed = 7): Float32Array {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  const matrix = Float32Array.from({ length: count * dims }, next);
  for (let row = 0; row < count; row++) {
    const vector = matrix.subarray(row * dims, (row + 1) * dims);
    const length = Math.hypot(...vector);
    for (let i = 0; i < dims; i++) vector[i] = (vector[i] ?? 0) / length;
  }
  return matrix;
}

describe("exact scans", () => {
  const dims = 32;
  const matrix = unitVectors(500, dims);
  const query = unitVectors(1, dims, 99);

  it("returns the k best rows best first, the same as sorting every score", () => {
    const all = Array.from({ length: 500 }, (_, row) => ({
      row,
      score: query.reduce((sum, value, i) => sum + value * (matrix[row * dims + i] ?? 0), 0),
    })).sort((a, b) => b.score - a.score);
    const top = jsFullScan(matrix, dims, query, 10);
    expect(top.map(({ row }) => row)).toEqual(all.slice(0, 10).map(({ row }) => row));
    expect(top[0]?.score).toBeCloseTo(all[0]?.score ?? Number.NaN, 5);
  });

  it("scores only the listed rows when candidates are given", () => {
    const top = scanRows(matrix, dims, query, 3, Int32Array.of(4, 8, 15, 16));
    expect(top).toHaveLength(3);
    for (const { row } of top) expect([4, 8, 15, 16]).toContain(row);
  });

  it("agrees with the native scan on rows and scores", async () => {
    const native = await loadNativeScan();
    expect(native, "usearch is installed as an optional dependency").toBeDefined();
    const expected = jsFullScan(matrix, dims, query, 20);
    const actual = native?.(matrix, dims, query, 20) ?? [];
    expect(actual.map(({ row }) => row)).toEqual(expected.map(({ row }) => row));
    for (const [i, { score }] of actual.entries())
      expect(score).toBeCloseTo(expected[i]?.score ?? Number.NaN, 5);
  });

  it("lets the native scan read a prefix view of a larger buffer, as the tables hand it", async () => {
    const native = await loadNativeScan();
    const view = matrix.subarray(0, 100 * dims);
    expect(native?.(view, dims, query, 100).length).toBe(100);
    expect(native?.(view, dims, query, 5).map(({ row }) => row)).toEqual(
      jsFullScan(view, dims, query, 5).map(({ row }) => row),
    );
  });
});

describe("TopK", () => {
  it("keeps the highest scores whatever order they come in", () => {
    const top = new TopK(3);
    for (const [row, score] of [0.5, 0.1, 0.9, 0.3, 0.7, 0.2].entries()) top.push(row, score);
    expect(top.sorted()).toEqual([
      { row: 2, score: 0.9 },
      { row: 4, score: 0.7 },
      { row: 0, score: 0.5 },
    ]);
    expect(top.floor).toBe(0.5);
  });
});

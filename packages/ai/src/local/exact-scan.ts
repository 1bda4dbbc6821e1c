import { type ScoredRow, TopK } from "./top-k.ts";

/**
 * Exact inner-product search over all rows of a row-major matrix: the `k` best rows.
 * Vectors are unit length, so the inner product is the cosine similarity.
 */
export type FullScan = (matrix: Float32Array, dims: number, query: Float32Array, k: number) => ScoredRow[];

/**
 * Scores only the listed rows (or all rows) in plain JavaScript: the path for filtered
 * queries, where metadata has already narrowed the candidates, and the fallback when the
 * native scan is not installed.
 *
 * @example
 * scanRows(matrix, 384, query, 10, Int32Array.of(4, 9, 12)) // up to 10 of rows 4, 9, 12
 */
export function scanRows(
  matrix: Float32Array,
  dims: number,
  query: Float32Array,
  k: number,
  rows?: Int32Array,
): ScoredRow[] {
  const top = new TopK(k);
  const count = rows ? rows.length : matrix.length / dims;
  for (let i = 0; i < count; i++) {
    const row = rows ? (rows[i] as number) : i;
    top.push(row, dot(matrix, row * dims, query, dims));
  }
  return top.sorted();
}

function dot(matrix: Float32Array, offset: number, query: Float32Array, dims: number): number {
  // Four accumulators let the engine overlap the multiplications.
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    a += (query[i] as number) * (matrix[offset + i] as number);
    b += (query[i + 1] as number) * (matrix[offset + i + 1] as number);
    c += (query[i + 2] as number) * (matrix[offset + i + 2] as number);
    d += (query[i + 3] as number) * (matrix[offset + i + 3] as number);
  }
  for (; i < dims; i++) a += (query[i] as number) * (matrix[offset + i] as number);
  return a + b + c + d;
}

/** The JavaScript full scan, for when `usearch` is unavailable. */
export const jsFullScan: FullScan = (matrix, dims, query, k) => scanRows(matrix, dims, query, k);

/**
 * usearch's exact (brute-force, SIMD) search on one thread, or `undefined` when the optional
 * `usearch` package is not installed or has no build for this platform.
 *
 * @example
 * const scan = (await loadNativeScan()) ?? jsFullScan;
 */
export async function loadNativeScan(): Promise<FullScan | undefined> {
  let usearch: typeof import("usearch").default;
  try {
    usearch = (await import("usearch")).default;
  } catch {
    return undefined;
  }
  return (matrix, dims, query, k) => {
    const rows = matrix.length / dims;
    if (rows === 0) return [];
    // usearch reads from the start of the underlying buffer, ignoring a view's offset.
    if (matrix.byteOffset !== 0) throw new Error("the matrix must start at its buffer's first byte");
    const result = usearch.exactSearch(
      matrix,
      query.slice(),
      dims,
      Math.min(k, rows),
      usearch.MetricKind.IP,
      1,
    );
    const out: ScoredRow[] = [];
    const keys = result.keys as BigUint64Array;
    const distances = result.distances as Float32Array;
    for (let i = 0; i < keys.length; i++) {
      // The IP "distance" is 1 − inner product.
      out.push({ row: Number(keys[i]), score: 1 - (distances[i] as number) });
    }
    return out;
  };
}

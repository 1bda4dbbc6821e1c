import type { VectorFilter, VectorMatch, VectorQuery } from "@megawatts/core";
import { type FullScan, scanRows } from "./exact-scan.ts";
import type { NamespaceTable } from "./namespace-table.ts";
import type { ScoredRow } from "./top-k.ts";

/**
 * The exact `topK` of a table for a query. Unfiltered, or with a filter every row passes: one
 * full scan. Filtered: metadata picks the candidate rows first and only those are scored; when
 * the filter lets most rows through and the full scan is native, a wider full scan is filtered
 * afterwards instead, which is exact whenever it keeps `topK` rows (nothing outside a scan's
 * best can beat them).
 *
 * @example
 * searchTable(table, vector, { topK: 5, filter: { channelId: "2" } }, jsFullScan, false)
 */
export function searchTable(
  table: NamespaceTable,
  vector: Float32Array,
  query: VectorQuery,
  fullScan: FullScan,
  fullScanIsFast: boolean,
): VectorMatch[] {
  if (table.size === 0) return [];
  const unit = unitCopy(vector);
  const matrix = table.matrix();
  let scored: ScoredRow[];
  const rows = hasFilter(query.filter) ? table.rowsMatching(query.filter) : undefined;
  if (!rows || rows.length === table.size) {
    // Unfiltered, or a filter every row passes (`kind: "message"` where all rows are messages).
    scored = fullScan(matrix, table.dims, unit, query.topK);
  } else {
    const wide = fullScanIsFast && rows.length * 2 > table.size;
    scored =
      (wide ? wideThenFilter(table, rows, unit, query.topK, fullScan) : undefined) ??
      scanRows(matrix, table.dims, unit, query.topK, rows);
  }
  return scored.map(({ row, score }) => ({
    id: table.idAt(row),
    score,
    metadata: { ...table.metadataAt(row) },
  }));
}

function wideThenFilter(
  table: NamespaceTable,
  rows: Int32Array,
  unit: Float32Array,
  topK: number,
  fullScan: FullScan,
): ScoredRow[] | undefined {
  const allowed = new Uint8Array(table.size);
  for (const row of rows) allowed[row] = 1;
  // Enough to expect topK survivors twice over at the filter's pass rate.
  const k = Math.min(table.size, Math.ceil((topK * table.size * 2) / Math.max(1, rows.length)));
  const kept = fullScan(table.matrix(), table.dims, unit, k).filter(({ row }) => allowed[row] === 1);
  return kept.length >= Math.min(topK, rows.length) ? kept.slice(0, topK) : undefined;
}

function hasFilter(filter: VectorFilter | undefined): filter is VectorFilter {
  return filter !== undefined && Object.values(filter).some((value) => value !== undefined);
}

function unitCopy(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const scale = 1 / Math.sqrt(sum);
  return Float32Array.from(vector, (value) => value * scale);
}

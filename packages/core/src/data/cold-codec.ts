import { gunzipSync, gzipSync } from "node:zlib";
import type { DocumentItem } from "./ports.ts";

/** Content type of a cold batch object: gzip-compressed JSON lines, one item per line. */
export const COLD_CONTENT_TYPE = "application/x-ndjson";
export const COLD_CONTENT_ENCODING = "gzip";

/**
 * Packs items (still sealed) into a cold batch object: one JSON line per item, gzipped.
 *
 * @example
 * const bytes = encodeColdBatch(items);
 * decodeColdBatch(bytes).length === items.length // true
 */
export function encodeColdBatch(items: readonly DocumentItem[]): Uint8Array {
  const lines = items.map((item) => JSON.stringify(item)).join("\n");
  return gzipSync(Buffer.from(lines, "utf8"));
}

/**
 * Unpacks a cold batch object into its items.
 *
 * @example
 * const items = decodeColdBatch((await blobs.get(key))!.bytes);
 */
export function decodeColdBatch(bytes: Uint8Array): DocumentItem[] {
  const text = gunzipSync(bytes).toString("utf8");
  return text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as DocumentItem);
}

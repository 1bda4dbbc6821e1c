import type { ErasureFilter, VectorFilter, VectorMetadata, VectorRecord } from "./ports.ts";

/** A call on a vector index that would break tenancy or the index's shape; a programming error. */
export class VectorInputError extends Error {
  override name = "VectorInputError";
}

// Guild ids are snowflakes. Refusing anything else keeps the empty (default) namespace and
// made-up names out of every index.
const NAMESPACE = /^\d{1,20}$/;

/**
 * Throws `VectorInputError` unless `namespace` is a guild id.
 *
 * @example
 * assertNamespace(""); // throws: the default namespace would be shared by every guild
 */
export function assertNamespace(namespace: string): void {
  if (!NAMESPACE.test(namespace)) {
    throw new VectorInputError(`a vector namespace must be a guild id, got ${JSON.stringify(namespace)}`);
  }
}

/**
 * Checks records before they are written: the namespace is a guild id, every record belongs
 * to that guild, ids are non-empty, vectors have the index's length and finite values.
 *
 * @example
 * checkVectorRecords("81384788765712384", records, 384);
 */
export function checkVectorRecords(namespace: string, records: readonly VectorRecord[], dimensions: number) {
  assertNamespace(namespace);
  for (const { id, vector, metadata } of records) {
    if (id.length === 0 || id.length > 512)
      throw new VectorInputError("a record id must be 1 to 512 characters");
    if (metadata.guildId !== namespace) {
      throw new VectorInputError(`record ${id} belongs to guild ${metadata.guildId}, not ${namespace}`);
    }
    if (!Number.isFinite(metadata.createdAt)) throw new VectorInputError(`record ${id} has no createdAt`);
    checkVector(vector, dimensions, `record ${id}`);
  }
}

/**
 * Throws `VectorInputError` unless the vector has `dimensions` finite values, not all zero.
 *
 * @example
 * checkVector(new Float32Array(384), 384); // throws: all zeros
 */
export function checkVector(vector: Float32Array, dimensions: number, what = "the query vector"): void {
  if (vector.length !== dimensions) {
    throw new VectorInputError(`${what} has ${vector.length} dimensions, the index ${dimensions}`);
  }
  let nonZero = false;
  for (const value of vector) {
    if (!Number.isFinite(value)) throw new VectorInputError(`${what} holds a value that is not finite`);
    if (value !== 0) nonZero = true;
  }
  if (!nonZero) throw new VectorInputError(`${what} is all zeros: it has no direction to compare`);
}

/**
 * Throws `VectorInputError` for an erasure filter that names nobody: deleting "everything
 * that matches nothing in particular" would empty the guild's index.
 */
export function assertErasureFilter(filter: ErasureFilter): void {
  if (!filter.authorId && !filter.channelId) {
    throw new VectorInputError("an erasure filter must name an authorId or a channelId");
  }
}

/**
 * Whether metadata passes a filter, exactly as the Pinecone adapter's filter does.
 *
 * @example
 * matchesVectorFilter(record.metadata, { channelId: "2", after: Date.parse("2026-01-01") })
 */
export function matchesVectorFilter(metadata: VectorMetadata, filter: VectorFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.channelId !== undefined && metadata.channelId !== filter.channelId) return false;
  if (filter.authorId !== undefined && metadata.authorId !== filter.authorId) return false;
  if (filter.kind !== undefined && metadata.kind !== filter.kind) return false;
  if (filter.after !== undefined && !(metadata.createdAt >= filter.after)) return false;
  if (filter.before !== undefined && !(metadata.createdAt <= filter.before)) return false;
  return true;
}

/**
 * Throws `VectorInputError` unless `topK` is a whole number from 1 to 1,000 (Pinecone's
 * limit when metadata comes back with the matches).
 *
 * @example
 * assertTopK(0); // throws
 */
export function assertTopK(topK: number): void {
  if (!Number.isInteger(topK) || topK < 1 || topK > 1_000) {
    throw new VectorInputError(`topK must be a whole number from 1 to 1000, got ${topK}`);
  }
}

import type { VectorFilter, VectorMatch, VectorMetadata, VectorRecord } from "@megawatts/core";
import type { PineconeRecord, RecordMetadata, ScoredPineconeRecord } from "@pinecone-database/pinecone";

/** Pinecone's request limits for upserts: 1,000 records and 2 MB per request. */
export const UPSERT_LIMITS = { maxRecords: 1_000, maxBytes: 2 * 1024 * 1024 } as const;
// Room for the envelope around the records (`{"vectors":[…],"namespace":"…"}`) and commas.
const ENVELOPE_BYTES = 1_024;

/** A record as Pinecone stores it: values as plain numbers, `createdAt` a number for range filters. */
export function toPineconeRecord(record: VectorRecord): PineconeRecord<RecordMetadata> {
  const { guildId, channelId, authorId, createdAt, kind } = record.metadata;
  return {
    id: record.id,
    values: Array.from(record.vector),
    metadata: { guildId, channelId, authorId, createdAt, kind },
  };
}

/**
 * Splits records into upsert requests within the record and byte limits, measuring each
 * record as the JSON it will be sent as.
 *
 * @example
 * planUpserts(records.map(toPineconeRecord)) // [[…up to 1,000 records…], …]
 */
export function planUpserts<T>(records: readonly T[], limits = UPSERT_LIMITS): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const record of records) {
    const size = Buffer.byteLength(JSON.stringify(record), "utf8") + 1;
    if (batch.length > 0 && (batch.length >= limits.maxRecords || bytes + size > limits.maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = ENVELOPE_BYTES;
    }
    batch.push(record);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * The Pinecone metadata filter for a `VectorFilter`; `undefined` when it filters nothing.
 *
 * @example
 * toPineconeFilter({ channelId: "2", after: 1000 }) // { channelId: { $eq: "2" }, createdAt: { $gte: 1000 } }
 */
export function toPineconeFilter(filter: VectorFilter | undefined): object | undefined {
  if (!filter) return undefined;
  const out: Record<string, object> = {};
  if (filter.channelId !== undefined) out.channelId = { $eq: filter.channelId };
  if (filter.authorId !== undefined) out.authorId = { $eq: filter.authorId };
  if (filter.kind !== undefined) out.kind = { $eq: filter.kind };
  const range: Record<string, number> = {};
  if (filter.after !== undefined) range.$gte = filter.after;
  if (filter.before !== undefined) range.$lte = filter.before;
  if (Object.keys(range).length > 0) out.createdAt = range;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A query match as the port returns it; the namespace stands in for a missing `guildId`. */
export function fromMatch(match: ScoredPineconeRecord<RecordMetadata>, namespace: string): VectorMatch {
  const raw = match.metadata ?? {};
  const metadata: VectorMetadata = {
    guildId: String(raw.guildId ?? namespace),
    channelId: String(raw.channelId ?? ""),
    authorId: String(raw.authorId ?? ""),
    createdAt: Number(raw.createdAt ?? 0),
    kind: String(raw.kind ?? ""),
  };
  return { id: match.id, score: match.score ?? 0, metadata };
}

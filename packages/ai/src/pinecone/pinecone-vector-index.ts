import {
  assertErasureFilter,
  assertNamespace,
  assertTopK,
  checkVector,
  checkVectorRecords,
  type ErasureFilter,
  type VectorIndex,
  type VectorMatch,
  type VectorQuery,
  type VectorRecord,
} from "@megawatts/core";
import { type Index, Pinecone, type RecordMetadata } from "@pinecone-database/pinecone";
import { recordUsage } from "../usage.ts";
import { deleteIds, eraseByLookup } from "./erase.ts";
import { pineconeFailure } from "./errors.ts";
import { fromMatch, planUpserts, toPineconeFilter, toPineconeRecord } from "./records.ts";

export interface PineconeVectorIndexOptions {
  /** Built from `PINECONE_API_KEY` when omitted. */
  client?: Pinecone;
  /** The index name (`PINECONE_INDEX`); the SDK looks its host up once. */
  index?: string;
  /** The index host; skips the lookup. An `http://` host reaches a Pinecone-protocol test server. */
  host?: string;
  /** The index's dimension: the embedding model's. */
  dimensions: number;
  /**
   * How `deleteByFilter` erases. `lookup` (default) finds the ids (by id prefix for a channel,
   * by filtered queries for an author) and deletes them by id, which every index supports,
   * and resolves the count. `metadata` sends one delete with a metadata filter and resolves
   * `undefined`: pod-based indexes support it, serverless indexes did not until late 2025.
   */
  erasure?: "lookup" | "metadata";
}

/**
 * A `VectorIndex` on Pinecone: one namespace per guild, metadata `{ guildId, channelId,
 * authorId, createdAt (number), kind }`, upserts batched within 1,000 records and 2 MB, queries
 * filtered with `$eq` / `$gte` / `$lte`, deletes by id in chunks of 1,000.
 *
 * Erasure by author on a serverless index queries for the author's ids and deletes them;
 * a serverless index shows deletes after a short delay, so an author with more than 10,000
 * records in a guild may need a second call: repeat until it resolves 0.
 *
 * @example
 * const index = createPineconeVectorIndex({ client: new Pinecone({ apiKey }), index: "megawatts", dimensions: 1536 });
 * await index.query(guildId, vector, { topK: 8, filter: { channelId } });
 */
export function createPineconeVectorIndex(options: PineconeVectorIndexOptions): VectorIndex {
  const client = options.client ?? new Pinecone();
  if (!options.index && !options.host) throw new RangeError("name the Pinecone index or give its host");
  const index: Index<RecordMetadata> = client.index({
    ...(options.index ? { name: options.index } : {}),
    ...(options.host ? { host: options.host } : {}),
  });
  const { dimensions } = options;
  const space = (namespace: string) => {
    assertNamespace(namespace);
    return index.namespace(namespace);
  };
  const call = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw pineconeFailure(operation, error);
    }
  };

  return {
    async upsert(namespace: string, records: VectorRecord[]) {
      checkVectorRecords(namespace, records, dimensions);
      const target = space(namespace);
      for (const batch of planUpserts(records.map(toPineconeRecord))) {
        await call("upsert", () => target.upsert({ records: batch }));
        recordUsage({
          name: "pinecone.request",
          attributes: { operation: "upsert", records: batch.length, recordBytes: recordBytes(batch) },
        });
      }
    },
    async query(namespace: string, vector: Float32Array, query: VectorQuery): Promise<VectorMatch[]> {
      assertTopK(query.topK);
      checkVector(vector, dimensions);
      const filter = toPineconeFilter(query.filter);
      const response = await call("query", () =>
        space(namespace).query({
          vector: Array.from(vector),
          topK: query.topK,
          includeMetadata: true,
          includeValues: false,
          ...(filter ? { filter } : {}),
        }),
      );
      recordUsage({
        name: "pinecone.request",
        attributes: { operation: "query", records: 0, recordBytes: 0 },
      });
      return response.matches.map((match) => fromMatch(match, namespace));
    },
    async delete(namespace: string, ids: string[]) {
      const target = space(namespace);
      if (ids.length > 0) await call("delete", () => deleteIds(target, ids));
    },
    async deleteByFilter(namespace: string, filter: ErasureFilter) {
      assertErasureFilter(filter);
      const target = space(namespace);
      if (options.erasure === "metadata") {
        const metadataFilter = toPineconeFilter(filter) as object;
        await call("delete by filter", () => target.deleteMany({ filter: metadataFilter }));
        recordUsage({
          name: "pinecone.request",
          attributes: { operation: "delete", records: 0, recordBytes: 0 },
        });
        return undefined;
      }
      return call("erasure", () => eraseByLookup(target, filter, dimensions));
    },
  };
}

/** A batch's size as Pinecone bills writes: 4 bytes a dimension, plus the id and the metadata as JSON. */
function recordBytes(batch: readonly { id: string; values?: number[]; metadata?: object }[]): number {
  return batch.reduce(
    (sum, record) =>
      sum +
      4 * (record.values?.length ?? 0) +
      Buffer.byteLength(record.id) +
      Buffer.byteLength(JSON.stringify(record.metadata ?? {})),
    0,
  );
}

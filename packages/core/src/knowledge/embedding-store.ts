import { LRUCache } from "lru-cache";
import type { Cache } from "../cache/ports.ts";

/**
 * Where cached embeddings live: vectors by key, many at a time. Keys are opaque (model,
 * dimensions and a content hash, never text); vectors are not sensitive, so they are stored
 * as they are. Any key-value store fits: memory, the hot-tier `Cache` (`embeddingStoreOnCache`),
 * or the warm tier's `DocumentStore` (one item per key: `get` per key, `batchWrite` for
 * `setMany`).
 *
 * @example
 * const found = await store.getMany(["emb:v1:openai:text-embedding-3-small:1536:9f86d0…"]);
 */
export interface EmbeddingStore {
  /** The vectors found; absent keys are left out of the map. */
  getMany(keys: readonly string[]): Promise<Map<string, Float32Array>>;
  setMany(entries: ReadonlyArray<readonly [string, Float32Array]>): Promise<void>;
}

/**
 * An in-process store bounded by entry count (least recently used go first).
 *
 * @example
 * const store = createMemoryEmbeddingStore({ maxEntries: 50_000 });
 */
export function createMemoryEmbeddingStore(options: { maxEntries?: number } = {}): EmbeddingStore {
  const entries = new LRUCache<string, Float32Array>({ max: Math.max(1, options.maxEntries ?? 20_000) });
  return {
    async getMany(keys) {
      const found = new Map<string, Float32Array>();
      for (const key of keys) {
        const vector = entries.get(key);
        if (vector) found.set(key, vector.slice());
      }
      return found;
    },
    async setMany(pairs) {
      for (const [key, vector] of pairs) entries.set(key, vector.slice());
    },
  };
}

/**
 * A store on the hot-tier `Cache`: each vector is one value (base64 of its float32 bytes),
 * expiring after `ttlSeconds`. Give it a tenant view (`tenantCache(cache, guildId)`) so no
 * key is shared between guilds; that costs each guild its own first miss.
 *
 * @example
 * const store = embeddingStoreOnCache(tenantCache(cache, guildId), { ttlSeconds: 7 * 86_400 });
 */
export function embeddingStoreOnCache(cache: Cache, options: { ttlSeconds: number }): EmbeddingStore {
  return {
    async getMany(keys) {
      const values = await Promise.all(keys.map((key) => cache.get(key)));
      const found = new Map<string, Float32Array>();
      keys.forEach((key, i) => {
        const value = values[i];
        if (value !== undefined) found.set(key, decodeVector(value));
      });
      return found;
    },
    async setMany(pairs) {
      await Promise.all(
        pairs.map(([key, vector]) =>
          cache.set(key, encodeVector(vector), { ttlSeconds: options.ttlSeconds }),
        ),
      );
    },
  };
}

/**
 * A vector as base64 of its little-endian float32 bytes (the encoding OpenAI returns).
 *
 * @example
 * encodeVector(new Float32Array([1])) // "AACAPw=="
 */
export function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString("base64");
}

/**
 * The vector encoded by `encodeVector`, in a buffer of its own.
 *
 * @example
 * decodeVector("AACAPw==") // Float32Array [1]
 */
export function decodeVector(base64: string): Float32Array {
  const bytes = Buffer.from(base64, "base64");
  const vector = new Float32Array(Math.floor(bytes.length / 4));
  new Uint8Array(vector.buffer).set(bytes.subarray(0, vector.length * 4));
  return vector;
}

import { createHash } from "node:crypto";
import type { EmbeddingStore } from "./embedding-store.ts";
import type { EmbeddingModel, Embeddings } from "./ports.ts";

/** What a cached model has done since it was made. */
export interface EmbeddingCacheStats {
  /** Texts answered without the model (a text repeated within one call counts once as a miss). */
  hits: number;
  /** Texts sent to the model. */
  misses: number;
  /** Tokens the model counted for the misses. */
  tokens: number;
}

export interface CachedEmbeddingModel extends EmbeddingModel {
  stats(): EmbeddingCacheStats;
}

/**
 * The cache key of a text's vector: model id, dimensions and the SHA-256 of the text, so the
 * text itself is never stored or logged as a key.
 *
 * @example
 * embeddingCacheKey("local:hash-v1", 384, "hello") // "emb:v1:local:hash-v1:384:2cf24dba5fb0a30e…"
 */
export function embeddingCacheKey(modelId: string, dimensions: number, text: string): string {
  const hash = createHash("sha256").update(text, "utf8").digest("hex");
  return `emb:v1:${modelId}:${dimensions}:${hash}`;
}

/**
 * Wraps a model so a text already embedded is read from `store` instead: only misses reach
 * the model, each distinct text once per call. Same `id` and `dimensions` as the model, so
 * vectors from the cache and the model are interchangeable.
 *
 * @example
 * const model = cachedEmbeddingModel(openAiEmbeddings, createMemoryEmbeddingStore());
 * await model.embed(["hi", "hi", "there"]); // the model sees ["hi", "there"]
 * model.stats(); // { hits: 1, misses: 2, tokens: 2 }
 */
export function cachedEmbeddingModel(model: EmbeddingModel, store: EmbeddingStore): CachedEmbeddingModel {
  const stats: EmbeddingCacheStats = { hits: 0, misses: 0, tokens: 0 };
  const keyOf = (text: string) => embeddingCacheKey(model.id, model.dimensions, text);

  async function embed(texts: string[], signal?: AbortSignal): Promise<Embeddings> {
    const keys = texts.map(keyOf);
    const found = await store.getMany([...new Set(keys)]);
    for (const [key, vector] of found) {
      if (vector.length !== model.dimensions) found.delete(key); // written by something else: embed again
    }
    const missing = new Map<string, string>(); // key → text, each distinct text once
    keys.forEach((key, i) => {
      if (!found.has(key) && !missing.has(key)) missing.set(key, texts[i] as string);
    });
    let tokens = 0;
    if (missing.size > 0) {
      const result = await model.embed([...missing.values()], signal);
      const fresh = [...missing.keys()].map((key, i) => [key, vectorAt(result, i)] as const);
      for (const [key, vector] of fresh) found.set(key, vector);
      await store.setMany(fresh);
      tokens = result.tokens;
    }
    stats.hits += texts.length - missing.size;
    stats.misses += missing.size;
    stats.tokens += tokens;
    return { vectors: keys.map((key) => (found.get(key) as Float32Array).slice()), tokens };
  }

  return { id: model.id, dimensions: model.dimensions, embed, stats: () => ({ ...stats }) };
}

function vectorAt(result: Embeddings, i: number): Float32Array {
  const vector = result.vectors[i];
  if (!vector)
    throw new Error(`the embedding model returned ${result.vectors.length} vectors, fewer than asked`);
  return vector;
}

import { describe, expect, it } from "vitest";
import { createMemoryCache } from "../cache/memory-cache.ts";
import { tenantCache } from "../cache/tenant-cache.ts";
import { cachedEmbeddingModel, embeddingCacheKey } from "./embedding-cache.ts";
import { createMemoryEmbeddingStore, embeddingStoreOnCache } from "./embedding-store.ts";
import type { EmbeddingModel } from "./ports.ts";

/** A model that records every text it is asked for and bills one token per character. */
function countingModel(dimensions = 4): EmbeddingModel & { seen: string[][] } {
  const seen: string[][] = [];
  return {
    id: "test:counting",
    dimensions,
    seen,
    async embed(texts) {
      seen.push([...texts]);
      const vectors = texts.map((text) =>
        Float32Array.from({ length: dimensions }, (_, i) => text.length + i),
      );
      return { vectors, tokens: texts.reduce((sum, text) => sum + text.length, 0) };
    },
  };
}

describe("cachedEmbeddingModel", () => {
  it("sends only texts it has not seen to the model", async () => {
    const model = countingModel();
    const cached = cachedEmbeddingModel(model, createMemoryEmbeddingStore());
    await cached.embed(["alpha", "beta"]);
    await cached.embed(["beta", "gamma", "alpha"]);
    expect(model.seen).toEqual([["alpha", "beta"], ["gamma"]]);
  });

  it("returns the same vectors from the cache as from the model, in input order", async () => {
    const cached = cachedEmbeddingModel(countingModel(), createMemoryEmbeddingStore());
    const first = await cached.embed(["alpha", "be"]);
    const again = await cached.embed(["be", "alpha"]);
    expect(again.vectors).toEqual([first.vectors[1], first.vectors[0]]);
  });

  it("sends a text repeated within one call once", async () => {
    const model = countingModel();
    const cached = cachedEmbeddingModel(model, createMemoryEmbeddingStore());
    const { vectors } = await cached.embed(["same", "same", "other"]);
    expect(model.seen).toEqual([["same", "other"]]);
    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toEqual(vectors[1]);
  });

  it("counts hits, misses and the tokens spent on misses", async () => {
    const cached = cachedEmbeddingModel(countingModel(), createMemoryEmbeddingStore());
    const first = await cached.embed(["abc", "de"]);
    const second = await cached.embed(["abc", "de", "fghi"]);
    expect([first.tokens, second.tokens]).toEqual([5, 4]);
    expect(cached.stats()).toEqual({ hits: 2, misses: 3, tokens: 9 });
  });

  it("reaches a 100 % hit ratio when the same messages are embedded again", async () => {
    const cached = cachedEmbeddingModel(countingModel(), createMemoryEmbeddingStore());
    const messages = Array.from({ length: 500 }, (_, i) => `message number ${i}`);
    await cached.embed(messages);
    const before = cached.stats();
    await cached.embed(messages);
    const after = cached.stats();
    expect(after.hits - before.hits).toBe(500);
    expect(after.misses - before.misses).toBe(0);
  });

  it("keeps vectors of another model or dimension apart", async () => {
    const store = createMemoryEmbeddingStore();
    const small = countingModel(4);
    const large = countingModel(8);
    await cachedEmbeddingModel(small, store).embed(["text"]);
    const { vectors } = await cachedEmbeddingModel(large, store).embed(["text"]);
    expect(large.seen).toEqual([["text"]]);
    expect(vectors[0]).toHaveLength(8);
  });

  it("works over a tenant view of the hot-tier cache", async () => {
    const cache = createMemoryCache();
    const model = countingModel();
    const store = () => embeddingStoreOnCache(tenantCache(cache, "81384788765712384"), { ttlSeconds: 60 });
    const first = await cachedEmbeddingModel(model, store()).embed(["persisted"]);
    const second = await cachedEmbeddingModel(model, store()).embed(["persisted"]);
    expect(model.seen).toEqual([["persisted"]]);
    expect(second.vectors).toEqual(first.vectors);
  });
});

describe("embeddingCacheKey", () => {
  it("names the model and dimensions and hashes the text instead of holding it", () => {
    const key = embeddingCacheKey("local:hash-v1", 384, "my secret message");
    expect(key).toMatch(/^emb:v1:local:hash-v1:384:[0-9a-f]{64}$/);
    expect(key).not.toContain("secret");
  });
});

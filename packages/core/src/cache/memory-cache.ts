import { type Clock, systemClock } from "../ports/observability.ts";
import { assertCacheOptions, type Cache } from "./ports.ts";
import { TaggedLru } from "./tagged-lru.ts";

export interface MemoryCacheOptions {
  /** Least recently used entries are dropped beyond this many (default 10,000). */
  maxEntries?: number;
  /** Where time comes from (default the system clock); tests inject one to move time. */
  clock?: Clock;
}

/**
 * A `Cache` held in this process, with the same TTL and tag semantics as the Redis adapter:
 * the hot tier when no Redis is available (local runs, tests), and a stand-in L2 in unit tests.
 * It is per process, so it is no substitute for Redis between Lambda containers.
 *
 * @example
 * const cache = createMemoryCache({ maxEntries: 1_000 });
 * await cache.set("g:81384788765712384:k", "v", { ttlSeconds: 60, tags: ["g:81384788765712384:t"] });
 * await cache.invalidateTag("g:81384788765712384:t"); // 1
 */
export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const store = new TaggedLru(options.maxEntries ?? 10_000, options.clock ?? systemClock);
  return {
    async get(key) {
      return store.get(key);
    },
    async set(key, value, setOptions) {
      assertCacheOptions(setOptions);
      store.set(key, value, setOptions.ttlSeconds * 1_000, setOptions.tags);
    },
    async delete(...keys) {
      store.delete(keys);
    },
    async invalidateTag(tag) {
      return store.invalidateTag(tag);
    },
    async members(tag) {
      return store.members(tag);
    },
  };
}

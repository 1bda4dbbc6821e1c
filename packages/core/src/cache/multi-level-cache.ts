import { type Clock, systemClock } from "../ports/observability.ts";
import { decodeRecord, encodeRecord } from "./multi-level-record.ts";
import { assertCacheOptions, type Cache, CacheOptionsError, type TenantCaches } from "./ports.ts";
import { TaggedLru } from "./tagged-lru.ts";
import { tenantCache } from "./tenant-cache.ts";

export interface MultiLevelCacheOptions {
  /** The in-process level: at most `maxEntries`, each kept at most `ttlMs`. */
  l1: { maxEntries: number; ttlMs: number };
  /** The shared level, e.g. `new UpstashCache(redis)` or `createMemoryCache()`. */
  l2: Cache;
  /** Where time comes from (default the system clock); tests inject one to move time. */
  clock?: Clock;
}

export interface LevelStats {
  hits: number;
  misses: number;
}

export interface MultiLevelCache extends Cache, TenantCaches {
  /** Hits and misses per level since creation; L2 is only asked on an L1 miss. */
  stats(): { l1: LevelStats; l2: LevelStats };
  /** A view whose keys and tags are namespaced `g:<guildId>:` (see `tenantCache`). */
  tenant(guildId: string): Cache;
}

/**
 * An in-process LRU (L1) in front of a shared cache (L2). Reads check L1, then L2, and fill
 * L1; writes go to both. L1 lives per container, so another container's write or
 * invalidation reaches it only when its entry expires: `l1.ttlMs` bounds that staleness.
 * Values must already be sealed when sensitive, as for any `Cache`.
 *
 * @example
 * const cache = createMultiLevelCache({ l1: { maxEntries: 1_000, ttlMs: 5_000 }, l2: new UpstashCache(redis) });
 * const guild = cache.tenant(interaction.guild_id);
 * await guild.set("settings", json, { ttlSeconds: 300, tags: ["settings"] });
 */
export function createMultiLevelCache(options: MultiLevelCacheOptions): MultiLevelCache {
  const { l1: limits, l2 } = options;
  if (!Number.isInteger(limits.maxEntries) || limits.maxEntries < 1 || !(limits.ttlMs > 0)) {
    throw new CacheOptionsError("l1 needs a whole maxEntries ≥ 1 and a ttlMs > 0");
  }
  const clock = options.clock ?? systemClock;
  const l1 = new TaggedLru(limits.maxEntries, clock);
  const stats = { l1: { hits: 0, misses: 0 }, l2: { hits: 0, misses: 0 } };
  // Bumped by every write; a read that raced one must not fill L1 with what it saw before.
  let writes = 0;

  const cache: MultiLevelCache = {
    async get(key) {
      const local = l1.get(key);
      if (local !== undefined) {
        stats.l1.hits++;
        return local;
      }
      stats.l1.misses++;
      const writesBefore = writes;
      const raw = await l2.get(key);
      if (raw === undefined) {
        stats.l2.misses++;
        return undefined;
      }
      stats.l2.hits++;
      const record = decodeRecord(raw);
      const remaining = record.expiresAt === undefined ? limits.ttlMs : record.expiresAt - clock.now();
      const ttlMs = Math.min(limits.ttlMs, remaining);
      if (writesBefore === writes && ttlMs > 0) l1.set(key, record.value, ttlMs, record.tags);
      return record.value;
    },
    async set(key, value, setOptions) {
      assertCacheOptions(setOptions);
      const tags = setOptions.tags ?? [];
      const ttlMs = setOptions.ttlSeconds * 1_000;
      writes++;
      await l2.set(key, encodeRecord(value, tags, clock.now() + ttlMs), setOptions);
      writes++;
      l1.set(key, value, Math.min(limits.ttlMs, ttlMs), tags);
    },
    async delete(...keys) {
      writes++;
      l1.delete(keys);
      await l2.delete(...keys);
      writes++;
      l1.delete(keys);
    },
    async invalidateTag(tag) {
      writes++;
      l1.invalidateTag(tag);
      const removed = await l2.invalidateTag(tag);
      writes++;
      l1.invalidateTag(tag);
      return removed;
    },
    // L2 is shared by every container, so it knows every key; L1 holds a subset of it.
    members: (tag) => l2.members(tag),
    stats: () => ({ l1: { ...stats.l1 }, l2: { ...stats.l2 } }),
    tenant: (guildId) => tenantCache(cache, guildId),
  };
  return cache;
}

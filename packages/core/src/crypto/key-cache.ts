import type { KeyObject } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Clock } from "../ports/observability.ts";

/** Bounds on how long and how often a plaintext data key is reused from memory. */
export interface KeyCacheOptions {
  /** Age after which a cached key is unwrapped again (default 5 minutes). */
  maxAgeMs: number;
  /** Seals and opens after which a cached key is unwrapped again (default 10,000; 1 = no reuse). */
  maxUses: number;
  /** Subjects kept at once; the least recently used go first (default 1,000). */
  maxEntries: number;
}

export const DEFAULT_KEY_CACHE: KeyCacheOptions = {
  maxAgeMs: 5 * 60_000,
  maxUses: 10_000,
  maxEntries: 1_000,
};

interface Entry {
  key: KeyObject;
  uses: number;
}

/**
 * Plaintext data keys in memory, per tenant and subject, bounded in age, uses and count, so
 * KMS is asked rarely and a leaked or shredded key lives briefly.
 *
 * @example
 * const cache = new KeyCache(DEFAULT_KEY_CACHE, systemClock);
 * cache.set("g1", "u1", key); cache.take("g1", "u1"); // key
 */
export class KeyCache {
  readonly #entries: LRUCache<string, Entry>;
  readonly #maxUses: number;

  constructor(options: KeyCacheOptions, clock: Clock) {
    this.#maxUses = Math.max(1, options.maxUses);
    this.#entries = new LRUCache<string, Entry>({
      max: Math.max(1, options.maxEntries),
      // A positive TTL is required; 0 would mean "never expires".
      ttl: Math.max(1, options.maxAgeMs),
      // Read the injected clock on every check instead of a cached, timer-refreshed value.
      ttlResolution: 0,
      perf: { now: () => clock.now() },
    });
  }

  /** The cached key, counting one use, or `undefined` when absent, too old or used up. */
  take(tenant: string, subject: string): KeyObject | undefined {
    const id = cacheId(tenant, subject);
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    entry.uses++;
    if (entry.uses >= this.#maxUses) this.#entries.delete(id);
    return entry.key;
  }

  /** Caches a key just unwrapped or made; the caller's own use counts as the first. */
  set(tenant: string, subject: string, key: KeyObject): void {
    if (this.#maxUses <= 1) return;
    this.#entries.set(cacheId(tenant, subject), { key, uses: 1 });
  }

  evict(tenant: string, subject: string): void {
    this.#entries.delete(cacheId(tenant, subject));
  }
}

function cacheId(tenant: string, subject: string): string {
  return JSON.stringify([tenant, subject]);
}

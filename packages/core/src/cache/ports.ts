/** How long a cached value lives and which tags it can be invalidated by. */
export interface CacheSetOptions {
  /** Whole seconds until the value expires; at least 1. */
  ttlSeconds: number;
  /** Names that group keys so `invalidateTag` can drop them together (e.g. `user:42`). */
  tags?: string[];
}

/**
 * A key-value cache of strings with expiry and tag invalidation: the hot tier (Upstash Redis)
 * and the in-process levels in front of it.
 *
 * Values are opaque strings; callers store JSON. Anything sensitive (message content, user
 * data) must already be sealed by the envelope-encryption box before it reaches a cache: no
 * cache level ever sees plaintext of a sensitive field. Keys and tags must name their tenant;
 * use `tenantCache` (or `MultiLevelCache.tenant`) rather than building keys by hand.
 *
 * @example
 * await cache.set("g:81384788765712384:settings", JSON.stringify(settings), { ttlSeconds: 300 });
 * const raw = await cache.get("g:81384788765712384:settings"); // string | undefined
 */
export interface Cache {
  /** The value, or `undefined` when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key`, replacing any previous value, tags included. */
  set(key: string, value: string, options: CacheSetOptions): Promise<void>;
  /** Removes the keys; absent keys are ignored. */
  delete(...keys: string[]): Promise<void>;
  /**
   * Removes every key set with `tag` and resolves with how many were removed. A key re-set
   * without the tag may still be removed once (over-invalidation is safe for a cache).
   */
  invalidateTag(tag: string): Promise<number>;
  /**
   * The keys currently set with `tag` and not yet expired, in no particular order: what export
   * and erasure find of one member in the hot tier (tag `user:<id>`).
   */
  members(tag: string): Promise<string[]>;
}

/**
 * The hot tier one guild at a time (`MultiLevelCache` is one): every key and tag of the view
 * is namespaced by the guild, so nothing reaches another guild's entries.
 *
 * @example
 * const guild = caches.tenant(job.interaction.guildId);
 * await guild.members("user:80351110224678912"); // ["ctx:81384788765712385:80351110224678912"]
 */
export interface TenantCaches {
  tenant(guildId: string): Cache;
}

/** Raised for a TTL or tag a cache cannot honour; a programming error, not a cache outage. */
export class CacheOptionsError extends Error {
  override name = "CacheOptionsError";
}

/**
 * Checks what every `Cache` implementation accepts, so all levels reject the same input.
 *
 * @example
 * assertCacheOptions({ ttlSeconds: 0 }); // throws CacheOptionsError
 */
export function assertCacheOptions(options: CacheSetOptions): void {
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1) {
    throw new CacheOptionsError(`ttlSeconds must be a whole number ≥ 1, got ${options.ttlSeconds}`);
  }
  for (const tag of options.tags ?? []) {
    if (tag.length === 0 || /[\r\n]/.test(tag)) {
      throw new CacheOptionsError(
        `a cache tag must be non-empty and on one line, got ${JSON.stringify(tag)}`,
      );
    }
  }
}

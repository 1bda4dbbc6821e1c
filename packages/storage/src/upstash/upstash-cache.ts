import { assertCacheOptions, type Cache, type CacheSetOptions } from "@megawatts/core";
import type { Redis } from "@upstash/redis";

// The client JSON-parses replies by default ("123" would come back as a number, "null" as
// null); a leading "~" makes every stored string invalid JSON, so it comes back untouched
// whatever `automaticDeserialization` the caller's client was built with.
const MARK = "~";
const mark = (text: string) => `${MARK}${text}`;
const unmark = (stored: unknown) =>
  typeof stored === "string" && stored.startsWith(MARK) ? stored.slice(MARK.length) : undefined;

// DEL and SREM (and EXISTS pipelines) take this many keys per call.
const CHUNK = 500;

/**
 * The hot tier over Upstash Redis: `SET … EX` for values, one Redis set per tag (`tag:<tag>`,
 * keys prefixed `tag:` are reserved) whose TTL is stretched to its longest-lived member, and
 * `MULTI` so a value and its tag memberships land together. Values are stored as given:
 * anything sensitive must be sealed before it gets here.
 *
 * @example
 * const cache = new UpstashCache(new Redis({ url: Resource.UpstashUrl.value, token: Resource.UpstashToken.value }));
 * await cache.set("g:81384788765712384:k", "v", { ttlSeconds: 60, tags: ["g:81384788765712384:user:7"] });
 */
export class UpstashCache implements Cache {
  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<string | undefined> {
    return unmark(await this.redis.get<unknown>(key));
  }

  async set(key: string, value: string, options: CacheSetOptions): Promise<void> {
    assertCacheOptions(options);
    const ex = options.ttlSeconds;
    const tags = options.tags ?? [];
    if (tags.length === 0) {
      await this.redis.set(key, mark(value), { ex });
      return;
    }
    const transaction = this.redis.multi().set(key, mark(value), { ex });
    for (const tag of tags) {
      const tagKey = tagKeyOf(tag);
      // NX gives a new set its first TTL; GT only ever lengthens it.
      transaction.sadd(tagKey, mark(key)).expire(tagKey, ex, "NX").expire(tagKey, ex, "GT");
    }
    await transaction.exec();
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys);
  }

  async invalidateTag(tag: string): Promise<number> {
    const tagKey = tagKeyOf(tag);
    const members = await this.redis.smembers<unknown[]>(tagKey);
    let removed = 0;
    for (let start = 0; start < members.length; start += CHUNK) {
      const chunk = members.slice(start, start + CHUNK).filter((member) => unmark(member) !== undefined);
      if (chunk.length === 0) continue;
      const keys = chunk.map((member) => unmark(member) as string);
      // SREM only what was deleted, so a key tagged meanwhile keeps its membership.
      const [deleted] = await this.redis
        .multi()
        .del(...keys)
        .srem(tagKey, ...chunk)
        .exec<[number, number]>();
      removed += deleted;
    }
    return removed;
  }

  async members(tag: string): Promise<string[]> {
    const members = await this.redis.smembers<unknown[]>(tagKeyOf(tag));
    const keys = members.flatMap((member) => unmark(member) ?? []);
    const live: string[] = [];
    // A tag set outlives members that expired on their own: keep only keys that still exist.
    for (let start = 0; start < keys.length; start += CHUNK) {
      const chunk = keys.slice(start, start + CHUNK);
      const pipeline = this.redis.pipeline();
      for (const key of chunk) pipeline.exists(key);
      const found = await pipeline.exec<number[]>();
      live.push(...chunk.filter((_, i) => found[i] === 1));
    }
    return live;
  }
}

function tagKeyOf(tag: string): string {
  return `tag:${tag}`;
}

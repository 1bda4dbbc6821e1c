import { createMultiLevelCache } from "@megawatts/core";
import { UpstashCache } from "@megawatts/storage/upstash";
import { ManualClock } from "@megawatts/testing/fakes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CacheServers, startCacheServers } from "./cache-servers.ts";

const GUILD_A = "81384788765712384";
const GUILD_B = "175928847299117063";
let servers: CacheServers;
let l2: UpstashCache;

beforeAll(async () => {
  servers = await startCacheServers();
  l2 = new UpstashCache(servers.upstash());
});

afterAll(async () => {
  await servers?.close();
});

/** A Lambda container's cache: its own L1, the shared Redis as L2. */
function container(clock = new ManualClock()) {
  return createMultiLevelCache({ l1: { maxEntries: 100, ttlMs: 5_000 }, l2, clock });
}

describe("UpstashCache over the bridge and a real Redis", () => {
  it("gives back exactly the string it stored, even when it looks like JSON", async () => {
    const values = ["123", "1.0", "null", "true", '{"a": 1}', '"quoted"', "", "héllo ✓"];

    for (const [i, value] of values.entries()) await l2.set(`exact:${i}`, value, { ttlSeconds: 60 });
    const read = await Promise.all(values.map((_, i) => l2.get(`exact:${i}`)));

    expect(read).toEqual(values);
    expect(await l2.get("exact:absent")).toBeUndefined();
  });

  it("sets the key's TTL in Redis and stretches the tag set to its longest-lived member", async () => {
    await l2.set("ttl:a", "1", { ttlSeconds: 60, tags: ["ttl-tag"] });
    await l2.set("ttl:b", "2", { ttlSeconds: 600, tags: ["ttl-tag"] });
    await l2.set("ttl:c", "3", { ttlSeconds: 30, tags: ["ttl-tag"] });

    expect(await servers.direct.ttl("ttl:a")).toBe(60);
    expect(await servers.direct.ttl("tag:ttl-tag")).toBe(600);
  });

  it("invalidates a tag's keys, counts them and leaves other keys alone", async () => {
    await l2.set("tag:user:1:profile", "p", { ttlSeconds: 60, tags: ["user:1"] });
    await l2.set("tag:user:1:prefs", "q", { ttlSeconds: 60, tags: ["user:1", "prefs"] });
    await l2.set("tag:user:2:prefs", "r", { ttlSeconds: 60, tags: ["prefs"] });

    const removed = await l2.invalidateTag("user:1");

    expect(removed).toBe(2);
    expect(await l2.get("tag:user:1:prefs")).toBeUndefined();
    expect(await l2.get("tag:user:2:prefs")).toBe("r");
    expect(await servers.direct.exists("tag:user:1")).toBe(0);
    expect(await l2.invalidateTag("user:1")).toBe(0);
  });

  it("lists a tag's keys that still exist, leaving out one deleted behind the tag's back", async () => {
    await l2.set("members:a", "1", { ttlSeconds: 60, tags: ["members-tag"] });
    await l2.set("members:b", "2", { ttlSeconds: 60, tags: ["members-tag"] });
    await servers.direct.del("members:b");

    expect(await l2.members("members-tag")).toEqual(["members:a"]);
    expect(await l2.members("no-such-tag")).toEqual([]);
  });
});

describe("the multi-level cache over UpstashCache", () => {
  it("reads another container's write through Redis, then from its own L1", async () => {
    const clock = new ManualClock();
    const writer = container(clock);
    const reader = container(clock);
    await writer.set("ml:k", '{"v":1}', { ttlSeconds: 60 });

    const first = await reader.get("ml:k");
    const second = await reader.get("ml:k");

    expect([first, second]).toEqual(['{"v":1}', '{"v":1}']);
    expect(reader.stats()).toEqual({ l1: { hits: 1, misses: 1 }, l2: { hits: 1, misses: 0 } });
  });

  it("invalidates a tag in Redis and in the invalidating container's L1", async () => {
    const cache = container();
    await cache.set("ml:tagged", "x", { ttlSeconds: 60, tags: ["ml-tag"] });
    await cache.set("ml:kept", "y", { ttlSeconds: 60 });

    const removed = await cache.invalidateTag("ml-tag");

    expect(removed).toBe(1);
    expect(await cache.get("ml:tagged")).toBeUndefined();
    expect(await servers.direct.exists("ml:tagged")).toBe(0);
    expect(await cache.get("ml:kept")).toBe("y");
  });

  it("lets another container see an invalidation once its L1 entry has expired", async () => {
    const clock = new ManualClock();
    const a = container(clock);
    const b = container(clock);
    await a.set("ml:shared", "old", { ttlSeconds: 60, tags: ["shared-tag"] });
    await b.get("ml:shared");

    await a.invalidateTag("shared-tag");
    clock.advance(5_000);

    expect(await b.get("ml:shared")).toBeUndefined();
  });

  it("keeps guilds apart in Redis: prefixed keys, no reads or invalidations across", async () => {
    const cache = container();
    await cache.tenant(GUILD_A).set("settings", "a", { ttlSeconds: 60, tags: ["config"] });
    await cache.tenant(GUILD_B).set("settings", "b", { ttlSeconds: 60, tags: ["config"] });

    const removed = await container().tenant(GUILD_A).invalidateTag("config");
    const fresh = container();

    expect(removed).toBe(1);
    expect(await servers.direct.exists(`g:${GUILD_A}:settings`)).toBe(0);
    expect(await fresh.tenant(GUILD_B).get("settings")).toBe("b");
    expect(await fresh.tenant(GUILD_A).get("settings")).toBeUndefined();
    expect(await servers.direct.keys(`g:${GUILD_B}:*`)).toEqual([`g:${GUILD_B}:settings`]);
  });
});

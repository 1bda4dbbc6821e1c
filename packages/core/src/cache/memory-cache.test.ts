import { ManualClock } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import { createMemoryCache } from "./memory-cache.ts";
import { CacheOptionsError } from "./ports.ts";

describe("createMemoryCache", () => {
  it("returns what was set until its TTL has passed", async () => {
    const clock = new ManualClock();
    const cache = createMemoryCache({ clock });
    await cache.set("k", "v", { ttlSeconds: 10 });

    clock.advance(9_999);
    const before = await cache.get("k");
    clock.advance(1);
    const after = await cache.get("k");

    expect([before, after]).toEqual(["v", undefined]);
  });

  it("replaces a value and its TTL when a key is set again", async () => {
    const clock = new ManualClock();
    const cache = createMemoryCache({ clock });
    await cache.set("k", "old", { ttlSeconds: 1 });
    await cache.set("k", "new", { ttlSeconds: 60 });

    clock.advance(30_000);

    expect(await cache.get("k")).toBe("new");
  });

  it("deletes several keys at once and ignores absent ones", async () => {
    const cache = createMemoryCache();
    await cache.set("a", "1", { ttlSeconds: 60 });
    await cache.set("b", "2", { ttlSeconds: 60 });
    await cache.set("c", "3", { ttlSeconds: 60 });

    await cache.delete("a", "b", "missing");

    expect([await cache.get("a"), await cache.get("b"), await cache.get("c")]).toEqual([
      undefined,
      undefined,
      "3",
    ]);
  });

  it("invalidates exactly the keys carrying a tag and counts them", async () => {
    const cache = createMemoryCache();
    await cache.set("a", "1", { ttlSeconds: 60, tags: ["user:1", "all"] });
    await cache.set("b", "2", { ttlSeconds: 60, tags: ["user:2", "all"] });
    await cache.set("c", "3", { ttlSeconds: 60, tags: ["user:1"] });

    const removed = await cache.invalidateTag("user:1");

    expect(removed).toBe(2);
    expect([await cache.get("a"), await cache.get("b"), await cache.get("c")]).toEqual([
      undefined,
      "2",
      undefined,
    ]);
  });

  it("does not count expired keys as invalidated", async () => {
    const clock = new ManualClock();
    const cache = createMemoryCache({ clock });
    await cache.set("short", "1", { ttlSeconds: 1, tags: ["t"] });
    await cache.set("long", "2", { ttlSeconds: 60, tags: ["t"] });
    clock.advance(2_000);

    expect(await cache.invalidateTag("t")).toBe(1);
  });

  it("drops the least recently used key beyond maxEntries", async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set("a", "1", { ttlSeconds: 60 });
    await cache.set("b", "2", { ttlSeconds: 60 });
    await cache.get("a");
    await cache.set("c", "3", { ttlSeconds: 60 });

    expect([await cache.get("a"), await cache.get("b"), await cache.get("c")]).toEqual(["1", undefined, "3"]);
  });

  it("no longer invalidates a key by a tag it was set again without", async () => {
    const cache = createMemoryCache();
    await cache.set("k", "tagged", { ttlSeconds: 60, tags: ["t"] });
    await cache.set("k", "untagged", { ttlSeconds: 60 });

    expect(await cache.invalidateTag("t")).toBe(0);
    expect(await cache.get("k")).toBe("untagged");
  });

  it("rejects a TTL below one second", async () => {
    const cache = createMemoryCache();

    await expect(cache.set("k", "v", { ttlSeconds: 0 })).rejects.toBeInstanceOf(CacheOptionsError);
  });

  it("lists the live keys carrying a tag, leaving out expired and re-set ones", async () => {
    const clock = new ManualClock();
    const cache = createMemoryCache({ clock });
    await cache.set("a", "1", { ttlSeconds: 60, tags: ["user:1"] });
    await cache.set("b", "2", { ttlSeconds: 1, tags: ["user:1"] });
    await cache.set("c", "3", { ttlSeconds: 60, tags: ["user:1"] });
    await cache.set("c", "3", { ttlSeconds: 60 });
    await cache.set("d", "4", { ttlSeconds: 60, tags: ["user:2"] });

    clock.advance(2_000);

    expect(await cache.members("user:1")).toEqual(["a"]);
    expect(await cache.members("nobody")).toEqual([]);
  });
});

import { ManualClock } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import { createMemoryCache } from "./memory-cache.ts";
import { createMultiLevelCache } from "./multi-level-cache.ts";
import type { Cache } from "./ports.ts";

function setup(l1 = { maxEntries: 100, ttlMs: 5_000 }) {
  const clock = new ManualClock();
  const l2 = createMemoryCache({ clock });
  return { clock, l2, cache: createMultiLevelCache({ l1, l2, clock }) };
}

describe("createMultiLevelCache", () => {
  it("answers a fresh write from L1 without asking L2", async () => {
    const { cache } = setup();
    await cache.set("k", "v", { ttlSeconds: 60 });

    expect(await cache.get("k")).toBe("v");
    expect(cache.stats()).toEqual({ l1: { hits: 1, misses: 0 }, l2: { hits: 0, misses: 0 } });
  });

  it("reads through to L2 on an L1 miss and fills L1", async () => {
    const { clock, l2, cache: writer } = setup();
    // Another container wrote the value: only the shared L2 has it.
    await writer.set("k", "v", { ttlSeconds: 60 });
    const reader = createMultiLevelCache({ l1: { maxEntries: 10, ttlMs: 5_000 }, l2, clock });

    const values = [await reader.get("k"), await reader.get("k"), await reader.get("absent")];

    expect(values).toEqual(["v", "v", undefined]);
    expect(reader.stats()).toEqual({ l1: { hits: 1, misses: 2 }, l2: { hits: 1, misses: 1 } });
  });

  it("serves a stale L1 value at most l1.ttlMs after another container's write", async () => {
    const { clock, l2 } = setup();
    const a = createMultiLevelCache({ l1: { maxEntries: 10, ttlMs: 5_000 }, l2, clock });
    const b = createMultiLevelCache({ l1: { maxEntries: 10, ttlMs: 5_000 }, l2, clock });
    await a.set("k", "old", { ttlSeconds: 60 });
    await b.get("k");
    await a.set("k", "new", { ttlSeconds: 60 });

    const withinBound = await b.get("k");
    clock.advance(5_000);
    const afterBound = await b.get("k");

    expect([withinBound, afterBound]).toEqual(["old", "new"]);
  });

  it("expires an entry from both levels at its TTL, even when L1 would keep it longer", async () => {
    const { clock, cache } = setup({ maxEntries: 10, ttlMs: 60_000 });
    await cache.set("k", "v", { ttlSeconds: 2 });

    clock.advance(1_999);
    const before = await cache.get("k");
    clock.advance(1);
    const after = await cache.get("k");

    expect([before, after]).toEqual(["v", undefined]);
    expect(cache.stats().l2).toEqual({ hits: 0, misses: 1 });
  });

  it("fills L1 only for the lifetime L2 has left", async () => {
    const { clock, l2 } = setup();
    const writer = createMultiLevelCache({ l1: { maxEntries: 10, ttlMs: 60_000 }, l2, clock });
    const reader = createMultiLevelCache({ l1: { maxEntries: 10, ttlMs: 60_000 }, l2, clock });
    await writer.set("k", "v", { ttlSeconds: 10 });
    clock.advance(8_000);
    await reader.get("k");

    clock.advance(2_000);

    expect(await reader.get("k")).toBeUndefined();
  });

  it("invalidates a tag in L1 and L2, also for values L1 took from L2", async () => {
    const { clock, l2, cache } = setup();
    const other = createMultiLevelCache({ l1: { maxEntries: 10, ttlMs: 5_000 }, l2, clock });
    await other.set("a", "1", { ttlSeconds: 60, tags: ["user:1"] });
    await cache.set("b", "2", { ttlSeconds: 60, tags: ["user:1"] });
    await cache.set("c", "3", { ttlSeconds: 60, tags: ["user:2"] });
    await cache.get("a");

    const removed = await cache.invalidateTag("user:1");

    expect(removed).toBe(2);
    expect([await cache.get("a"), await cache.get("b"), await cache.get("c")]).toEqual([
      undefined,
      undefined,
      "3",
    ]);
    expect([await l2.get("a"), await l2.get("b")]).toEqual([undefined, undefined]);
  });

  it("deletes from both levels", async () => {
    const { l2, cache } = setup();
    await cache.set("k", "v", { ttlSeconds: 60 });

    await cache.delete("k");

    expect([await cache.get("k"), await l2.get("k")]).toEqual([undefined, undefined]);
  });

  it("does not let a read that raced a delete put the old value back into L1", async () => {
    const l2 = createMemoryCache();
    await l2.set("k", "old", { ttlSeconds: 60 });
    let answerRead: (value: string) => void = () => {};
    let reads = 0;
    // The first L2 read saw the old value but answers only after the delete has finished.
    const slowFirstRead: Cache = {
      ...l2,
      get: (key) => (reads++ === 0 ? new Promise((resolve) => (answerRead = resolve)) : l2.get(key)),
    };
    const cache = createMultiLevelCache({ l1: { maxEntries: 10, ttlMs: 5_000 }, l2: slowFirstRead });

    const reading = cache.get("k");
    await cache.delete("k");
    answerRead("old");
    await reading;

    expect(await cache.get("k")).toBeUndefined();
  });

  it("lists a tag's keys from L2, which every container shares", async () => {
    const { l2, cache } = setup();
    await cache.set("mine", "1", { ttlSeconds: 60, tags: ["user:1"] });
    await l2.set("other container", "2", { ttlSeconds: 60, tags: ["user:1"] });

    expect((await cache.members("user:1")).sort()).toEqual(["mine", "other container"]);
  });
});

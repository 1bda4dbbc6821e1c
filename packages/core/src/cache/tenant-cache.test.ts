import { describe, expect, it } from "vitest";
import { createMemoryCache } from "./memory-cache.ts";
import { createMultiLevelCache } from "./multi-level-cache.ts";
import { TenantIdError, tenantCache } from "./tenant-cache.ts";

const GUILD_A = "81384788765712384";
const GUILD_B = "81384788765712385";

function multiLevel() {
  return createMultiLevelCache({ l1: { maxEntries: 100, ttlMs: 5_000 }, l2: createMemoryCache() });
}

describe("tenant views", () => {
  it("store keys and tags under the guild's prefix", async () => {
    const l2 = createMemoryCache();
    const guild = tenantCache(l2, GUILD_A);

    await guild.set("settings", "{}", { ttlSeconds: 60, tags: ["config"] });

    expect(await l2.get(`g:${GUILD_A}:settings`)).toBe("{}");
    expect(await l2.invalidateTag(`g:${GUILD_A}:config`)).toBe(1);
  });

  it("never read one guild's key through another guild's view", async () => {
    const cache = multiLevel();
    await cache.tenant(GUILD_A).set("settings", "a", { ttlSeconds: 60 });

    expect(await cache.tenant(GUILD_B).get("settings")).toBeUndefined();
    expect(await cache.tenant(GUILD_A).get("settings")).toBe("a");
  });

  it("keep a guild whose id is a prefix of another's apart from it", async () => {
    const cache = multiLevel();
    await cache.tenant("1").set("2:x", "one", { ttlSeconds: 60 });
    await cache.tenant("12").set("x", "twelve", { ttlSeconds: 60 });

    expect(await cache.tenant("1").get("2:x")).toBe("one");
    expect(await cache.tenant("12").get("x")).toBe("twelve");
  });

  it("invalidate and delete only within their own guild", async () => {
    const cache = multiLevel();
    for (const guildId of [GUILD_A, GUILD_B]) {
      await cache.tenant(guildId).set("profile", guildId, { ttlSeconds: 60, tags: ["user:7"] });
      await cache.tenant(guildId).set("other", guildId, { ttlSeconds: 60 });
    }

    const removed = await cache.tenant(GUILD_A).invalidateTag("user:7");
    await cache.tenant(GUILD_A).delete("other");

    expect(removed).toBe(1);
    expect(await cache.tenant(GUILD_A).get("profile")).toBeUndefined();
    expect(await cache.tenant(GUILD_B).get("profile")).toBe(GUILD_B);
    expect(await cache.tenant(GUILD_B).get("other")).toBe(GUILD_B);
  });

  it("reject an id that is not a guild snowflake", () => {
    const cache = multiLevel();

    expect(() => cache.tenant("1:evil")).toThrow(TenantIdError);
    expect(() => tenantCache(cache, "")).toThrow(TenantIdError);
  });

  it("list a tag's keys within their own guild, without the guild prefix", async () => {
    const cache = multiLevel();
    await cache.tenant(GUILD_A).set("ctx:1:7", "a", { ttlSeconds: 60, tags: ["user:7"] });
    await cache.tenant(GUILD_B).set("ctx:2:7", "b", { ttlSeconds: 60, tags: ["user:7"] });

    expect(await cache.tenant(GUILD_A).members("user:7")).toEqual(["ctx:1:7"]);
    expect(await cache.members(`g:${GUILD_B}:user:7`)).toEqual([`g:${GUILD_B}:ctx:2:7`]);
  });
});

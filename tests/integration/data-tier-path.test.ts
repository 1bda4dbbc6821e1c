import {
  applyRetention,
  classifiedStore,
  DataClassViolationError,
  type DocumentItem,
  type DocumentStore,
  itemKeys,
  migrateTenant,
  newItem,
  tenantPk,
} from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, type DataFixture, dataFixture, sealedStub } from "./data-fixtures.ts";
import { census } from "./data-tier-census.ts";

let fx: DataFixture;
let documents: DocumentStore;
let guild = 700;

beforeAll(async () => {
  fx = await dataFixture("data-tier-path");
  documents = classifiedStore(fx.store, fx.classes);
});

afterAll(() => fx.clients.destroy());

/** One item of a class in a new guild, written through the class-checked store. */
async function writeOne(cls: string): Promise<{ g: string; item: DocumentItem }> {
  const g = `${++guild}`;
  const shapes: Record<
    string,
    { key: { pk: string; sk: string }; subject?: string; data: Record<string, unknown> }
  > = {
    "guild-config": { key: itemKeys.guildConfig(g), subject: "guild", data: { indexedChannels: ["700"] } },
    "user-profile": {
      key: itemKeys.userProfile(g, "500"),
      subject: "500",
      data: { profile: sealedStub("profile"), preferences: { forgetMe: false } },
    },
    "remembered-message": {
      key: itemKeys.message(g, "700", "1"),
      subject: "500",
      data: { content: sealedStub("m") },
    },
    "moderation-case": {
      key: itemKeys.moderationCase(g, "case_1"),
      subject: "500",
      data: { action: "warn", reason: sealedStub("r") },
    },
    "self-edit": {
      key: itemKeys.selfEdit(g, "se_1"),
      subject: "500",
      data: { request: sealedStub("q"), pr: 12 },
    },
    analytics: { key: itemKeys.analytics(g, "2026-01-15", "commands"), data: { count: 3 } },
  };
  const shape = shapes[cls];
  if (!shape) throw new Error(`no shape for ${cls}`);
  const item = newItem({ cls: fx.classes.get(cls), tenant: g, ...shape, now: fx.clock.now() });
  await documents.put(item);
  return { g, item };
}

/** Advances the clock to `days` after `since`, runs the tier job for the guild, and says where the item is. */
async function whereAt(days: number, since: number, g: string, item: DocumentItem) {
  fx.clock.advance(since + days * DAY - fx.clock.now());
  await migrateTenant(fx.deps, g);
  await applyRetention(fx.deps, g);
  const found = await census(fx, g, item.sk);
  if (found.warm.includes(item.sk)) return "warm";
  return found.cold.includes(item.sk) && found.objects.includes(item.sk) ? "cold" : "gone";
}

describe("the tier path of each class", () => {
  it.each([
    ["remembered-message", 30, 365],
    ["moderation-case", 180, 730],
    ["self-edit", 90, 365],
    ["analytics", 90, 730],
  ])("%s: warm, cold after %i days, gone after %i days", async (cls, warmDays, retentionDays) => {
    const { g, item } = await writeOne(cls);
    const since = item.createdAt;

    const path = [
      await whereAt(warmDays - 1, since, g, item),
      await whereAt(warmDays + 1, since, g, item),
      await whereAt(retentionDays - 1, since, g, item),
      await whereAt(retentionDays + 1, since, g, item),
    ];

    expect(path).toEqual(["warm", "cold", "cold", "gone"]);
  });

  it.each(["guild-config", "user-profile"])("%s stays warm however old", async (cls) => {
    const { g, item } = await writeOne(cls);

    expect(await whereAt(1_000, item.createdAt, g, item)).toBe("warm");
  });

  it("audit records live a year in the warm tier, then retention deletes them (and says so)", async () => {
    const g = `${++guild}`;
    const since = fx.clock.now();
    await fx.audit.record({ actor: "system:tiers", action: "tier.migrated", tenant: g, count: 1 });
    const stored = async () =>
      (await fx.store.query(`AUDIT#${g}`, { includeExpired: true, consistent: true })).items.map(
        (item) => item.data.action,
      );

    fx.clock.advance(364 * DAY);
    await applyRetention(fx.deps, g);
    const atYearEnd = (await fx.audit.query(g, { from: since, to: fx.clock.now() })).items.length;
    fx.clock.advance(2 * DAY);
    await applyRetention(fx.deps, g);

    expect({ atYearEnd, after: await stored() }).toEqual({ atYearEnd: 1, after: ["retention.deleted"] });
  });

  it.each(["conversation-context", "cache"])(
    "%s lives only in the hot tier: the warm tier refuses it",
    async (cls) => {
      const g = `${++guild}`;
      const item = newItem({
        cls: fx.classes.get(cls),
        tenant: g,
        key: { pk: tenantPk(g), sk: "CTX#1" },
        data: {},
        now: fx.clock.now(),
      });

      await expect(documents.put(item)).rejects.toBeInstanceOf(DataClassViolationError);
      expect(fx.classes.get(cls).hotTtlSeconds).toBeGreaterThan(0);
    },
  );
});

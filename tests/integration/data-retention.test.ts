import {
  acquireLease,
  applyRetention,
  classifiedStore,
  type DocumentItem,
  itemKeys,
  migrateTenant,
  newItem,
  policyReport,
  runTierMaintenance,
  tenantPk,
} from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, type DataFixture, dataFixture, message, sealedStub } from "./data-fixtures.ts";
import { census } from "./data-tier-census.ts";

let fx: DataFixture;
let guild = 800;

beforeAll(async () => {
  fx = await dataFixture("data-retention");
});

afterAll(() => fx.clients.destroy());

async function newGuild() {
  const g = `${++guild}`;
  await fx.tenants.ensure(g);
  return g;
}

const stored = async (g: string) =>
  (await fx.store.query(tenantPk(g), { includeExpired: true, consistent: true })).items.map(
    (item) => item.sk,
  );

describe("retention", () => {
  it("deletes expired warm items for good and keeps live ones", async () => {
    const g = await newGuild();
    const expiring: DocumentItem = {
      ...message(fx, g, "1"),
      expiresAt: Math.floor(fx.clock.now() / 1000) + 60,
    };
    const live = message(fx, g, "2");
    await fx.store.batchWrite({ puts: [expiring, live] });
    fx.clock.advance(61_000);

    const result = await applyRetention(fx.deps, g);

    expect(result.warmDeleted).toBe(1);
    expect(await stored(g)).toEqual([live.sk]);
  });

  it("keeps a cold batch while any item in it is within retention, then deletes object and index", async () => {
    const g = await newGuild();
    const first = message(fx, g, "1");
    fx.clock.advance(2 * DAY);
    const second = message(fx, g, "2");
    await fx.store.batchWrite({ puts: [first, second] });
    fx.clock.advance(31 * DAY);
    await migrateTenant(fx.deps, g);
    fx.clock.advance(first.createdAt + 366 * DAY - fx.clock.now());

    const kept = await applyRetention(fx.deps, g);
    const whileKept = await census(fx, g);
    fx.clock.advance(2 * DAY);
    const deleted = await applyRetention(fx.deps, g);

    expect({ kept: kept.batchesDeleted, cold: whileKept.cold }).toEqual({
      kept: 0,
      cold: [first.sk, second.sk],
    });
    expect(deleted.batchesDeleted).toBe(1);
    expect(await census(fx, g)).toEqual({ warm: [], cold: [], objects: [], unfinished: 0 });
    expect((await stored(g)).filter((sk) => sk.startsWith("CSUB#") || sk.startsWith("COLD#"))).toEqual([]);
  });
});

describe("the policy report", () => {
  async function breakEveryRule(g: string) {
    const tooOld = { ...message(fx, g, "1"), createdAt: fx.clock.now() - 400 * DAY } as DocumentItem;
    delete tooOld.expiresAt;
    const overdue = { ...message(fx, g, "2"), createdAt: fx.clock.now() - 40 * DAY };
    const hotOnly = newItem({
      cls: fx.classes.get("conversation-context"),
      tenant: g,
      key: { pk: tenantPk(g), sk: "CTX#1" },
      data: { turns: sealedStub("t") },
      now: fx.clock.now(),
    });
    const unknown = { ...message(fx, g, "3"), cls: "scratch", sk: "TMP#1" };
    await fx.store.batchWrite({ puts: [tooOld, overdue, hotOnly, unknown] });
  }

  const violationsOf = async (g: string) =>
    (await policyReport({ ...fx.deps, tenants: fx.tenants })).violations
      .filter((violation) => violation.tenant === g)
      .map((violation) => [violation.kind, violation.key])
      .sort();

  it("lists items past retention, overdue, in a tier their class forbids, or of no class", async () => {
    const g = await newGuild();
    await breakEveryRule(g);

    expect(await violationsOf(g)).toEqual([
      ["overdue-migration", "MSG#700#2"],
      ["past-retention", "MSG#700#1"],
      ["tier-not-allowed", "CTX#1"],
      ["unknown-class", "TMP#1"],
    ]);
  });

  it("keeps listing only what the tier job may not fix by itself once it ran", async () => {
    const g = await newGuild();
    await breakEveryRule(g);

    await runTierMaintenance({ ...fx.deps, tenants: fx.tenants });

    expect(await violationsOf(g)).toEqual([
      ["tier-not-allowed", "CTX#1"],
      ["unknown-class", "TMP#1"],
    ]);
  });
});

describe("the tier job", () => {
  it("skips a guild another run holds and works on the others", async () => {
    const [held, free] = [await newGuild(), await newGuild()];
    await fx.store.batchWrite({ puts: [message(fx, held, "1"), message(fx, free, "1")] });
    fx.clock.advance(31 * DAY);
    const lease = await acquireLease(fx.store, {
      tenant: held,
      name: "tiers",
      owner: "other",
      ttlMs: 60_000,
      now: fx.clock.now(),
    });

    const summary = await runTierMaintenance({ ...fx.deps, tenants: fx.tenants });

    expect(summary.busy).toBe(1);
    expect(summary.failed).toEqual([]);
    expect((await census(fx, held)).warm).toEqual(["MSG#700#1"]);
    expect((await census(fx, free)).cold).toEqual(["MSG#700#1"]);
    await lease?.release();
  });
});

describe("schema versions", () => {
  it("upgrades an item written under an older schema when it is read", async () => {
    const g = await newGuild();
    const v1 = {
      ...newItem({
        cls: fx.classes.get("user-profile"),
        tenant: g,
        subject: "500",
        key: itemKeys.userProfile(g, "500"),
        data: { profile: sealedStub("p"), forgetMe: true, locale: "de" },
        now: fx.clock.now(),
      }),
      v: 1,
    };
    await fx.store.put(v1);

    const read = await classifiedStore(fx.store, fx.classes).get(v1);

    expect({ v: read?.v, data: read?.data }).toEqual({
      v: 2,
      data: { profile: sealedStub("p"), preferences: { forgetMe: true, locale: "de" } },
    });
  });
});

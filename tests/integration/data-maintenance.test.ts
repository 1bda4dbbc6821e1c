import {
  type DataDeps,
  type DocumentStore,
  migrateTenant,
  runTierMaintenance,
  type TenantRegistry,
  tenantPk,
} from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, type DataFixture, dataFixture, message, sks } from "./data-fixtures.ts";
import { census, everyKeyOnce } from "./data-tier-census.ts";

let fx: DataFixture;
let guild = 700;
const nextGuild = () => `${++guild}`;

beforeAll(async () => {
  fx = await dataFixture("data-maintenance");
});

afterAll(() => fx.clients.destroy());

/** `count` due messages in each of `guilds` new guilds (the clock moved past their warm period once). */
async function dueGuilds(guilds: number, count: number) {
  const made = Array.from({ length: guilds }, () => nextGuild());
  const items = made.map((g) => Array.from({ length: count }, (_, i) => message(fx, g, `${9000 + i}`)));
  for (const batch of items) await fx.store.batchWrite({ puts: batch });
  fx.clock.advance(31 * DAY);
  return { guilds: made, items };
}

/** A clock that moves one millisecond each time it is read: deadlines fall after a set number of steps, not of wall time. */
function steppingClock(start: number) {
  let now = start;
  return { now: () => now++ };
}

const registryOf = (tenants: string[]): TenantRegistry => ({
  ensure: async () => {},
  async *all() {
    yield* tenants;
  },
});

describe("tier migration under interruption", () => {
  it("stops at its deadline with more to do, and a later run moves the rest exactly once", async () => {
    const { guilds, items } = await dueGuilds(1, 250);
    const [g = ""] = guilds;
    const clock = steppingClock(fx.clock.now());
    const deps: DataDeps = { ...fx.deps, clock };

    // Two clock reads per item scanned: the deadline falls after the first batch of 100, well
    // before the 250th item.
    const first = await migrateTenant(deps, g, { maxBatchItems: 100, deadline: clock.now() + 260 });
    const between = await census(fx, g);
    const second = await migrateTenant(fx.deps, g, { maxBatchItems: 100 });
    const after = await census(fx, g);

    expect(first.more).toBe(true);
    expect(first.moved).toBeGreaterThan(0);
    expect(between.warm.length).toBeGreaterThan(0);
    expect(second.more).toBe(false);
    expect(first.moved + second.moved).toBe(250);
    expect(after.warm).toEqual([]);
    expect(everyKeyOnce(after)).toEqual(sks(items[0] ?? []));
  });

  it("runs two maintenance runs on one guild at once without moving anything twice", async () => {
    const { guilds, items } = await dueGuilds(1, 120);
    const [g = ""] = guilds;
    const tenants = registryOf([g]);

    const [a, b] = await Promise.all([
      runTierMaintenance({ ...fx.deps, tenants }, { maxBatchItems: 50 }),
      runTierMaintenance({ ...fx.deps, tenants }, { maxBatchItems: 50 }),
    ]);
    // Whichever lost the lease, or came after the winner, leaves the guild as the winner left it.
    const rerun = await runTierMaintenance({ ...fx.deps, tenants }, { maxBatchItems: 50 });
    const after = await census(fx, g);

    expect(a.moved + b.moved + rerun.moved).toBe(120);
    expect(a.failed).toEqual([]);
    expect(b.failed).toEqual([]);
    expect(after.warm).toEqual([]);
    expect(everyKeyOnce(after)).toEqual(sks(items[0] ?? []));
  });

  it("completes the other guilds when one guild's work throws, and names the one that failed", async () => {
    const { guilds } = await dueGuilds(3, 20);
    const [first = "", broken = "", last = ""] = guilds;
    const failing: DocumentStore = {
      get: (...args) => fx.store.get(...args),
      batchGet: (...args) => fx.store.batchGet(...args),
      put: (...args) => fx.store.put(...args),
      delete: (...args) => fx.store.delete(...args),
      touch: (...args) => fx.store.touch(...args),
      batchWrite: (...args) => fx.store.batchWrite(...args),
      transact: (...args) => fx.store.transact(...args),
      queryGsi1: (...args) => fx.store.queryGsi1(...args),
      query: async (pk, options) => {
        if (pk === tenantPk(broken)) throw new Error("throttled for this guild");
        return fx.store.query(pk, options);
      },
    };

    const summary = await runTierMaintenance({ ...fx.deps, store: failing, tenants: registryOf(guilds) });

    expect(summary.failed).toEqual([broken]);
    expect(summary.tenants).toBe(3);
    expect((await census(fx, first)).warm).toEqual([]);
    expect((await census(fx, last)).warm).toEqual([]);
    expect((await census(fx, broken)).warm).toHaveLength(20);
  });
});

import { auditPk } from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, type DataFixture, dataFixture } from "./data-fixtures.ts";

let fx: DataFixture;
let guild = 600;
const HOUR = 3_600_000;

beforeAll(async () => {
  fx = await dataFixture("data-audit");
});

afterAll(() => fx.clients.destroy());

/** Records one export per hour for `hours` hours in a new guild; resolves the guild and times. */
async function hourlyExports(hours: number) {
  const g = `${++guild}`;
  const times: number[] = [];
  for (let hour = 0; hour < hours; hour++) {
    times.push(fx.clock.now());
    await fx.audit.record({
      actor: "user:500",
      action: "data.exported",
      tenant: g,
      subject: "500",
      count: hour,
    });
    fx.clock.advance(HOUR);
  }
  return { g, times };
}

describe("the audit log", () => {
  it("answers the records of a time range, oldest first, inclusive at both ends", async () => {
    const { g, times } = await hourlyExports(5);

    const { items } = await fx.audit.query(g, { from: times[1] ?? 0, to: times[3] ?? 0 });

    expect(items.map((record) => record.count)).toEqual([1, 2, 3]);
    expect(items.map((record) => record.at)).toEqual(times.slice(1, 4));
  });

  it("pages through a long range", async () => {
    const { g, times } = await hourlyExports(5);

    const first = await fx.audit.query(g, { from: times[0] ?? 0, to: fx.clock.now(), limit: 2 });
    const rest = await fx.audit.query(g, {
      from: times[0] ?? 0,
      to: fx.clock.now(),
      ...(first.cursor ? { cursor: first.cursor } : {}),
    });

    expect([...first.items, ...rest.items].map((record) => record.count)).toEqual([0, 1, 2, 3, 4]);
  });

  it("never answers another guild's records", async () => {
    const a = await hourlyExports(2);
    await hourlyExports(2);

    const { items } = await fx.audit.query(a.g, { from: a.times[0] ?? 0, to: fx.clock.now() });

    expect(items.map((record) => record.tenant)).toEqual([a.g, a.g]);
  });

  it("stores ids, names and counts only, expiring a year later", async () => {
    const { g, times } = await hourlyExports(1);

    const { items } = await fx.store.query(auditPk(g), { consistent: true });

    expect(items).toHaveLength(1);
    expect(Object.keys(items[0]?.data ?? {}).sort()).toEqual(["action", "actor", "count"]);
    expect(items[0]?.expiresAt).toBe(Math.ceil(((times[0] ?? 0) + 365 * DAY) / 1000));
  });

  it("refuses an entry that carries free text", async () => {
    const record = fx.audit.record({
      actor: "user:500",
      action: "data.exported",
      tenant: "601",
      reference: "the user said: please forget my messages",
    });

    await expect(record).rejects.toThrow();
  });

  it("stops answering records once they are a year old", async () => {
    const { g, times } = await hourlyExports(1);
    fx.clock.advance(366 * DAY);

    const { items } = await fx.audit.query(g, { from: times[0] ?? 0, to: fx.clock.now() });

    expect(items).toEqual([]);
  });
});

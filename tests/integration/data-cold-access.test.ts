import {
  ColdBatchBusyError,
  type DataDeps,
  findSubjectItems,
  getOrPromote,
  itemKeys,
  migrateTenant,
  readColdItems,
  removeSubjectFromCold,
} from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, type DataFixture, dataFixture, message, sks } from "./data-fixtures.ts";
import { census, everyKeyOnce } from "./data-tier-census.ts";

let fx: DataFixture;
let guild = 400;

beforeAll(async () => {
  fx = await dataFixture("data-cold");
});

afterAll(() => fx.clients.destroy());

/** Three old messages of 500 and two of 501 moved cold, then one new message of 500 kept warm. */
async function mixedTiers() {
  const g = `${++guild}`;
  const old = [
    message(fx, g, "1", "500"),
    message(fx, g, "2", "501"),
    message(fx, g, "3", "500"),
    message(fx, g, "4", "501"),
    message(fx, g, "5", "500"),
  ];
  await fx.store.batchWrite({ puts: old });
  fx.clock.advance(31 * DAY);
  await migrateTenant(fx.deps, g);
  const recent = message(fx, g, "6", "500");
  await fx.store.put(recent);
  return { g, old, recent };
}

describe("finding a member's items", () => {
  it("lists warm items and cold holdings of that member only", async () => {
    const { g, recent } = await mixedTiers();

    const found = await findSubjectItems(fx.deps, g, "500");

    expect(sks(found.warm)).toEqual([recent.sk]);
    expect(found.cold.flatMap((holding) => holding.sks).sort()).toEqual([
      "MSG#700#1",
      "MSG#700#3",
      "MSG#700#5",
    ]);
  });

  it("reads a member's cold items back, still sealed", async () => {
    const { g } = await mixedTiers();
    const [holding] = (await findSubjectItems(fx.deps, g, "501")).cold;

    const items = holding ? await readColdItems(fx.deps, holding.batch, holding.sks) : [];

    expect(items.map((item) => [item.sk, item.subject])).toEqual([
      ["MSG#700#2", "501"],
      ["MSG#700#4", "501"],
    ]);
    expect(items[0]?.data.content).toEqual(expect.objectContaining({ alg: "A256GCM" }));
  });

  it("lists an item once, as warm, while its batch is still being written", async () => {
    const g = `${++guild}`;
    const item = message(fx, g, "1", "504");
    await fx.store.put(item);
    fx.clock.advance(31 * DAY);
    const crashing: DataDeps = {
      ...fx.deps,
      fault: (step) => {
        if (step === "marked-written") throw new Error("crash");
      },
    };
    await expect(migrateTenant(crashing, g)).rejects.toThrow("crash");

    const found = await findSubjectItems(fx.deps, g, "504");

    expect({ warm: sks(found.warm), cold: found.cold }).toEqual({ warm: [item.sk], cold: [] });
  });
});

describe("promotion", () => {
  it("brings a cold item back warm, out of the index, and keeps every key once", async () => {
    const { g, old } = await mixedTiers();
    const target = old[2];
    if (!target) throw new Error("fixture");

    const promoted = await getOrPromote(fx.deps, { ...target, cls: target.cls, createdAt: target.createdAt });

    const found = await census(fx, g);
    expect(promoted?.accessedAt).toBe(fx.clock.now());
    expect(promoted?.data).toEqual(target.data);
    expect(found.warm).toContain(target.sk);
    expect(found.cold).not.toContain(target.sk);
    expect(everyKeyOnce(found)).toEqual(sks([...old, message(fx, g, "6")]));
    const member = await findSubjectItems(fx.deps, g, "500");
    expect(member.cold.flatMap((holding) => holding.sks).sort()).toEqual(["MSG#700#1", "MSG#700#5"]);
  });

  it("finds nothing for a key no tier holds", async () => {
    const g = `${++guild}`;
    const key = itemKeys.message(g, "700", "404");

    const found = await getOrPromote(fx.deps, {
      ...key,
      tenant: g,
      cls: "remembered-message",
      createdAt: fx.clock.now(),
    });

    expect(found).toBeUndefined();
  });
});

describe("removing a member from the cold tier", () => {
  it("rewrites the batch without the member and keeps the others", async () => {
    const { g } = await mixedTiers();

    const result = await removeSubjectFromCold(fx.deps, g, "500");

    const found = await census(fx, g);
    expect(result).toEqual({ batches: 1, removed: 3, archived: 0, kept: 0 });
    expect(found.cold).toEqual(["MSG#700#2", "MSG#700#4"]);
    expect(found.objects).toEqual(["MSG#700#2", "MSG#700#4"]);
    expect((await findSubjectItems(fx.deps, g, "500")).cold).toEqual([]);
  });

  it("deletes the object and its index when the member was the only one in it", async () => {
    const g = `${++guild}`;
    await fx.store.batchWrite({ puts: [message(fx, g, "1", "502"), message(fx, g, "2", "502")] });
    fx.clock.advance(31 * DAY);
    await migrateTenant(fx.deps, g);

    await removeSubjectFromCold(fx.deps, g, "502");

    expect(await census(fx, g)).toEqual({ warm: [], cold: [], objects: [], unfinished: 0 });
  });

  it("refuses while the batch holding the member's items is still being migrated", async () => {
    const g = `${++guild}`;
    await fx.store.put(message(fx, g, "1", "503"));
    fx.clock.advance(31 * DAY);
    const crashing: DataDeps = {
      ...fx.deps,
      fault: (step) => {
        if (step === "chunk-deleted") throw new Error("crash");
      },
    };
    await expect(migrateTenant(crashing, g)).rejects.toThrow("crash");

    await expect(removeSubjectFromCold(fx.deps, g, "503")).rejects.toBeInstanceOf(ColdBatchBusyError);
  });
});

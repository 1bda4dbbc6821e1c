import {
  coldObjectKey,
  type DataDeps,
  type DocumentItem,
  type MigrationStep,
  migrateTenant,
  recordAccess,
  revise,
  tenantPk,
  toColdBatch,
} from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, type DataFixture, dataFixture, message, sks } from "./data-fixtures.ts";
import { census, everyKeyOnce } from "./data-tier-census.ts";

let fx: DataFixture;
let guild = 300;
const nextGuild = () => `${++guild}`;

beforeAll(async () => {
  fx = await dataFixture("data-migration");
});

afterAll(() => fx.clients.destroy());

/** `count` messages in a new guild, then the clock moved past their warm period. */
async function dueMessages(count: number, authors = ["500", "501"]) {
  const g = nextGuild();
  const items = Array.from({ length: count }, (_, i) =>
    message(fx, g, `${9000 + i}`, authors[i % authors.length]),
  );
  await fx.store.batchWrite({ puts: items });
  fx.clock.advance(31 * DAY);
  return { g, items };
}

class CrashError extends Error {
  override name = "CrashError";
}

describe("tier migration", () => {
  it("moves items past their warm period into one batch per month, below before above", async () => {
    const { g, items } = await dueMessages(5);

    const result = await migrateTenant(fx.deps, g);

    const found = await census(fx, g);
    expect(result).toMatchObject({ batches: 1, moved: 5, stayedWarm: 0 });
    expect(found).toEqual({ warm: [], cold: sks(items), objects: sks(items), unfinished: 0 });
  });

  it("names the object after class, tenant, month and batch, and keeps sealed values sealed", async () => {
    const { g, items } = await dueMessages(2);

    await migrateTenant(fx.deps, g);

    const [header] = (await fx.store.query(tenantPk(g), { sk: { prefix: "COLD#" } })).items;
    const batch = toColdBatch(header as DocumentItem);
    expect(batch.data.objectKey).toBe(coldObjectKey(batch.ref));
    expect(batch.data.objectKey).toMatch(
      new RegExp(`^cold/remembered-message/${g}/\\d{4}-\\d{2}/cb_[0-9A-Z]{26}\\.jsonl\\.gz$`),
    );
    const stored = await fx.blobs.get(batch.data.objectKey);
    expect(new TextDecoder().decode(stored?.bytes)).not.toContain("message 9000");
    expect(items[0]?.data.content).toEqual(expect.objectContaining({ alg: "A256GCM" }));
  });

  it("leaves items younger than the warm period", async () => {
    const g = nextGuild();
    const items = [message(fx, g, "1"), message(fx, g, "2")];
    await fx.store.batchWrite({ puts: items });
    fx.clock.advance(29 * DAY);

    const result = await migrateTenant(fx.deps, g);

    expect(result.moved).toBe(0);
    expect((await census(fx, g)).warm).toEqual(sks(items));
  });

  it("keeps a recently read message warm when its class moves by last read", async () => {
    const g = nextGuild();
    const [read, unread] = [message(fx, g, "1"), message(fx, g, "2")];
    await fx.store.batchWrite({ puts: [read, unread] });
    fx.clock.advance(20 * DAY);
    await recordAccess(fx.store, read, fx.clock.now());
    fx.clock.advance(11 * DAY);

    await migrateTenant(fx.deps, g);

    const found = await census(fx, g);
    expect({ warm: found.warm, cold: found.cold }).toEqual({ warm: [read.sk], cold: [unread.sk] });
  });

  it("splits what is due into batches of at most the batch size", async () => {
    const { g, items } = await dueMessages(7);

    const result = await migrateTenant(fx.deps, g, { maxBatchItems: 3 });

    expect(result.batches).toBe(3);
    expect(everyKeyOnce(await census(fx, g))).toEqual(sks(items));
  });

  it("loses no concurrent write: changed items stay warm, deleted ones stay deleted", async () => {
    const { g, items } = await dueMessages(6);
    const [changed, deleted] = items as [DocumentItem, DocumentItem];
    const deps: DataDeps = {
      ...fx.deps,
      fault: async (step) => {
        if (step !== "marked-written") return;
        await fx.store.put(revise(changed, { content: { ct: "edited" } }, fx.clock.now()));
        await fx.store.delete(deleted);
      },
    };

    const result = await migrateTenant(deps, g);

    const found = await census(fx, g);
    const rest = sks(items.slice(2));
    expect(result).toMatchObject({ moved: 4, stayedWarm: 2 });
    expect(found).toEqual({ warm: [changed.sk], cold: rest, objects: rest, unfinished: 0 });
    expect((await fx.store.get(changed))?.data).toEqual({ content: { ct: "edited" } });
  });
});

describe("a crash during migration", () => {
  const steps: MigrationStep[] = [
    "intent-recorded",
    "object-written",
    "marked-written",
    "chunk-deleted",
    "warm-deleted",
    "done",
  ];

  it.each(steps)("after %s, then a rerun, loses and duplicates nothing", async (crashAt) => {
    const { g, items } = await dueMessages(150);
    const crashing: DataDeps = {
      ...fx.deps,
      fault: (step) => {
        if (step === crashAt) throw new CrashError(step);
      },
    };

    await expect(migrateTenant(crashing, g)).rejects.toBeInstanceOf(CrashError);
    const rerun = await migrateTenant(fx.deps, g);

    const found = await census(fx, g);
    expect(everyKeyOnce(found)).toEqual(sks(items));
    expect(found.objects).toEqual(found.cold);
    expect({ warm: found.warm, unfinished: found.unfinished, batches: rerun.batches }).toEqual({
      warm: [],
      unfinished: 0,
      batches: 0,
    });
  });

  it("in the blob store right after the upload, then a rerun, loses and duplicates nothing", async () => {
    const { g, items } = await dueMessages(4);
    const failing: DataDeps = {
      ...fx.deps,
      blobs: {
        ...fx.blobs,
        get: (key) => fx.blobs.get(key),
        list: (prefix, options) => fx.blobs.list(prefix, options),
        delete: (key) => fx.blobs.delete(key),
        put: async (key, bytes, options) => {
          await fx.blobs.put(key, bytes, options);
          throw new CrashError("after put");
        },
      },
    };

    await expect(migrateTenant(failing, g)).rejects.toBeInstanceOf(CrashError);
    const between = await census(fx, g);
    await migrateTenant(fx.deps, g);

    const found = await census(fx, g);
    expect({ warm: between.warm, unfinished: between.unfinished }).toEqual({
      warm: sks(items),
      unfinished: 1,
    });
    expect(found).toEqual({ warm: [], cold: sks(items), objects: sks(items), unfinished: 0 });
  });
});

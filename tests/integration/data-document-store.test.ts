import {
  ConditionFailedError,
  type DocumentItem,
  isExpired,
  revise,
  revisionOf,
  subjectGsi1pk,
  TransactionConditionError,
  tenantPk,
} from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, type DataFixture, dataFixture, message, sks } from "./data-fixtures.ts";

let fx: DataFixture;
let guild = 100;
/** A guild id no other test in this file uses. */
const nextGuild = () => `${++guild}`;

beforeAll(async () => {
  fx = await dataFixture("data-store");
});

afterAll(() => fx.clients.destroy());

describe("DynamoDocumentStore writes", () => {
  it("reads back what it put", async () => {
    const item = message(fx, nextGuild(), "1");

    await fx.store.put(item);

    expect(await fx.store.get(item)).toEqual(item);
  });

  it("answers undefined for an absent item", async () => {
    expect(await fx.store.get({ pk: tenantPk(nextGuild()), sk: "MSG#none" })).toBeUndefined();
  });

  it("refuses a put-if-absent over a live item", async () => {
    const item = message(fx, nextGuild(), "1");
    await fx.store.put(item);

    await expect(fx.store.put(item, { ifAbsent: true })).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it("accepts a put-if-absent over an expired item", async () => {
    const g = nextGuild();
    const old = { ...message(fx, g, "1"), expiresAt: Math.floor(fx.clock.now() / 1000) - 1 };
    await fx.store.put(old);
    const fresh = message(fx, g, "1");

    await fx.store.put(fresh, { ifAbsent: true });

    expect(await fx.store.get(fresh)).toEqual(fresh);
  });

  it("refuses a put-if-unchanged after a concurrent change and keeps the newer item", async () => {
    const item = message(fx, nextGuild(), "1");
    await fx.store.put(item);
    const newer = revise(item, { content: { ct: "newer" } }, fx.clock.now());
    await fx.store.put(newer, { ifUnchanged: revisionOf(item) });

    const stale = revise(item, { content: { ct: "stale" } }, fx.clock.now());
    await expect(fx.store.put(stale, { ifUnchanged: revisionOf(item) })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    expect((await fx.store.get(item))?.data).toEqual({ content: { ct: "newer" } });
  });

  it("refuses a conditional delete of a changed item and keeps it", async () => {
    const item = message(fx, nextGuild(), "1");
    await fx.store.put(item);
    await fx.store.touch(item, fx.clock.now() + 5);

    await expect(fx.store.delete(item, { ifUnchanged: revisionOf(item) })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    expect(await fx.store.get(item)).toBeDefined();
  });

  it("refuses a delete-if-exists of an absent item", async () => {
    const key = { pk: tenantPk(nextGuild()), sk: "MSG#none" };
    await expect(fx.store.delete(key, { ifExists: true })).rejects.toBeInstanceOf(ConditionFailedError);
  });

  it("records a read with touch without moving updatedAt", async () => {
    const item = message(fx, nextGuild(), "1");
    await fx.store.put(item);

    const touched = await fx.store.touch(item, item.updatedAt + 1_000);

    const read = await fx.store.get(item);
    expect({ touched, accessedAt: read?.accessedAt, updatedAt: read?.updatedAt }).toEqual({
      touched: true,
      accessedAt: item.updatedAt + 1_000,
      updatedAt: item.updatedAt,
    });
  });

  it("touches nothing that is absent", async () => {
    expect(await fx.store.touch({ pk: tenantPk(nextGuild()), sk: "MSG#none" }, 1)).toBe(false);
  });

  it("writes and deletes more than one batch request holds", async () => {
    const g = nextGuild();
    const items = Array.from({ length: 60 }, (_, i) => message(fx, g, `${1000 + i}`));

    await fx.store.batchWrite({ puts: items });
    const written = await fx.store.query(tenantPk(g), { consistent: true });
    await fx.store.batchWrite({ deletes: items });
    const left = await fx.store.query(tenantPk(g), { consistent: true });

    expect({ written: written.items.length, left: left.items.length }).toEqual({ written: 60, left: 0 });
  });

  it("reads more items than one batch read holds, in the order asked, a key named twice answered twice", async () => {
    const g = nextGuild();
    const items = Array.from({ length: 130 }, (_, i) => message(fx, g, `${2000 + i}`));
    await fx.store.batchWrite({ puts: items });
    const absent = { pk: tenantPk(g), sk: "MSG#none" };
    const keys = [...items].reverse().map(({ pk, sk }) => ({ pk, sk }));

    const found = await fx.store.batchGet([absent, ...keys, keys[0] ?? absent], { consistent: true });

    expect(found).toEqual([undefined, ...[...items].reverse(), items.at(-1)]);
  });

  it("applies a transaction entirely or not at all", async () => {
    const g = nextGuild();
    const present = message(fx, g, "1");
    await fx.store.put(present);
    const added = message(fx, g, "2");

    const attempt = fx.store.transact([{ put: added }, { put: present, condition: { ifAbsent: true } }]);

    await expect(attempt).rejects.toEqual(expect.objectContaining({ failed: [1] }));
    await expect(attempt).rejects.toBeInstanceOf(TransactionConditionError);
    expect(await fx.store.get(added)).toBeUndefined();
  });
});

describe("DynamoDocumentStore queries", () => {
  it("pages through a sort-key prefix in order", async () => {
    const g = nextGuild();
    const items = Array.from({ length: 7 }, (_, i) => message(fx, g, `${2000 + i}`));
    await fx.store.batchWrite({ puts: items });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await fx.store.query(tenantPk(g), {
        sk: { prefix: "MSG#" },
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((item) => item.sk));
      cursor = page.cursor;
    } while (cursor);

    expect(seen).toEqual(sks(items));
  });

  it("answers a range and a descending query", async () => {
    const g = nextGuild();
    await fx.store.batchWrite({ puts: ["1", "2", "3", "4"].map((id) => message(fx, g, id)) });

    const range = await fx.store.query(tenantPk(g), { sk: { between: ["MSG#700#2", "MSG#700#3"] } });
    const latest = await fx.store.query(tenantPk(g), { reverse: true, limit: 1 });

    expect(range.items.map((item) => item.sk)).toEqual(["MSG#700#2", "MSG#700#3"]);
    expect(latest.items.map((item) => item.sk)).toEqual(["MSG#700#4"]);
  });

  it("finds a member's items through gsi1", async () => {
    const g = nextGuild();
    await fx.store.batchWrite({ puts: [message(fx, g, "1", "501"), message(fx, g, "2", "502")] });

    const { items } = await fx.store.queryGsi1(subjectGsi1pk(g, "501"));

    expect(items.map((item) => item.sk)).toEqual(["MSG#700#1"]);
  });
});

describe("expired items", () => {
  async function writeExpiring() {
    const g = nextGuild();
    const item: DocumentItem = {
      ...message(fx, g, "1"),
      expiresAt: Math.floor((fx.clock.now() + DAY) / 1000),
    };
    await fx.store.put(item);
    fx.clock.advance(DAY + 1_000);
    return { g, item };
  }

  it("are never returned by get, query or gsi1, though still stored", async () => {
    const { g, item } = await writeExpiring();

    const reads = {
      get: await fx.store.get(item, { consistent: true }),
      batchGet: await fx.store.batchGet([item], { consistent: true }),
      query: (await fx.store.query(tenantPk(g), { consistent: true })).items,
      gsi1: (await fx.store.queryGsi1(subjectGsi1pk(g, "500"))).items,
    };
    const raw = await fx.store.query(tenantPk(g), { consistent: true, includeExpired: true });

    expect(reads).toEqual({ get: undefined, batchGet: [undefined], query: [], gsi1: [] });
    expect(raw.items.map((stored) => isExpired(stored, fx.clock.now()))).toEqual([true]);
  });

  it("cannot be touched or deleted as live items", async () => {
    const { item } = await writeExpiring();

    expect(await fx.store.touch(item, fx.clock.now())).toBe(false);
    await expect(fx.store.delete(item, { ifExists: true })).rejects.toBeInstanceOf(ConditionFailedError);
    await fx.store.delete(item, { ifExpired: true });
  });
});

describe("tenant isolation", () => {
  it("never returns one guild's items through another guild's partitions", async () => {
    const [a, b] = [nextGuild(), nextGuild()];
    await fx.store.batchWrite({ puts: [message(fx, a, "1", "555"), message(fx, b, "1", "555")] });

    const byPk = (await fx.store.query(tenantPk(a), { consistent: true })).items;
    const byMember = (await fx.store.queryGsi1(subjectGsi1pk(a, "555"))).items;

    expect([...byPk, ...byMember].map((item) => item.tenant)).toEqual([a, a]);
  });
});

import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { createKeyTable } from "@megawatts/local";
import { DynamoJobKeys, DynamoSubjectKeyStore } from "@megawatts/storage/dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInClients, uniquePrefix } from "./helpers.ts";

let clients: ReturnType<typeof standInClients>;
let tableName: string;
const tenant = "111111111111111111";

beforeAll(async () => {
  clients = standInClients();
  tableName = `${uniquePrefix("key-store")}KeyTable`;
  await createKeyTable(clients.dynamodb, tableName);
});

afterAll(async () => {
  await clients?.dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
  clients?.destroy();
});

describe("DynamoSubjectKeyStore on DynamoDB Local", () => {
  it("stores a key once and hands the first one to every later writer", async () => {
    const store = new DynamoSubjectKeyStore(clients.dynamodb, tableName);
    const first = await store.putIfAbsent(tenant, "u-first", Buffer.from("wrapped-1"));
    const second = await store.putIfAbsent(tenant, "u-first", Buffer.from("wrapped-2"));
    expect(Buffer.from(first).toString()).toBe("wrapped-1");
    expect(Buffer.from(second).toString()).toBe("wrapped-1");
    expect(Buffer.from((await store.get(tenant, "u-first")) ?? []).toString()).toBe("wrapped-1");
  });

  it("lets racing writers converge on one key", async () => {
    const store = new DynamoSubjectKeyStore(clients.dynamodb, tableName);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.putIfAbsent(tenant, "u-race", Buffer.from(`wrapped-${i}`))),
    );
    const distinct = new Set(results.map((wrapped) => Buffer.from(wrapped).toString()));
    expect(distinct.size).toBe(1);
  });

  it("deletes a key and says whether there was one", async () => {
    const store = new DynamoSubjectKeyStore(clients.dynamodb, tableName);
    await store.putIfAbsent(tenant, "u-gone", Buffer.from("wrapped"));
    expect(await store.delete(tenant, "u-gone")).toBe(true);
    expect(await store.delete(tenant, "u-gone")).toBe(false);
    expect(await store.get(tenant, "u-gone")).toBeUndefined();
  });

  it("deletes a subject's job keys with their key, and no one else's, and lists no job key as a subject", async () => {
    const store = new DynamoSubjectKeyStore(clients.dynamodb, tableName);
    const jobKeys = new DynamoJobKeys(clients.dynamodb, tableName);
    const queued = { tenant, subject: "u-queued", keyId: "k-1" };
    const parked = { ...queued, keyId: "k-2" };
    const others = { ...queued, subject: "u-other" };
    for (const ref of [queued, parked, others]) await jobKeys.put(ref, Buffer.from(`key-${ref.keyId}`));

    expect(await store.listSubjects(tenant)).not.toContain("u-queued");
    await store.delete(tenant, "u-queued");

    expect(await jobKeys.get(queued)).toBeUndefined();
    expect(await jobKeys.get(parked)).toBeUndefined();
    expect(Buffer.from((await jobKeys.get(others)) ?? []).toString()).toBe("key-k-1");
  });

  it("lists the subjects of one tenant only", async () => {
    const store = new DynamoSubjectKeyStore(clients.dynamodb, tableName);
    await store.putIfAbsent("tenant-a", "u1", Buffer.from("w"));
    await store.putIfAbsent("tenant-a", "guild", Buffer.from("w"));
    await store.putIfAbsent("tenant-b", "u2", Buffer.from("w"));
    expect((await store.listSubjects("tenant-a")).sort()).toEqual(["guild", "u1"]);
  });
});

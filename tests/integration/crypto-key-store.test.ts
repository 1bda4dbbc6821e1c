import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { createKeyTable } from "@megawatts/local";
import { DynamoSubjectKeyStore } from "@megawatts/storage/dynamodb";
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

  it("lists the subjects of one tenant only", async () => {
    const store = new DynamoSubjectKeyStore(clients.dynamodb, tableName);
    await store.putIfAbsent("tenant-a", "u1", Buffer.from("w"));
    await store.putIfAbsent("tenant-a", "guild", Buffer.from("w"));
    await store.putIfAbsent("tenant-b", "u2", Buffer.from("w"));
    expect((await store.listSubjects("tenant-a")).sort()).toEqual(["guild", "u1"]);
  });
});

import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, ListObjectsCommand } from "@aws-sdk/client-s3";
import {
  decodeColdBatch,
  rememberMessage,
  runTierMaintenance,
  silentLogger,
  subjectDataSources,
  writeHotEntry,
} from "@megawatts/core";
import { provisionLocalResources, resourceNames } from "@megawatts/local";
import { createStorageServices } from "@megawatts/runtime/storage";
import { snowflake } from "@megawatts/testing";
import { ManualClock } from "@megawatts/testing/fakes";
import { Redis } from "@upstash/redis";
import { inject } from "vitest";
import { DAY } from "./data-fixtures.ts";
import { standInClients, uniquePrefix } from "./helpers.ts";

/**
 * The worker's storage services on tables, a bucket and a key table of their own on the shared
 * stand-ins (DynamoDB Local, s3rver, the local KMS, redis-server behind the Upstash bridge), with
 * a clock that moves only when told, far ahead of the wall clock as in `dataFixture`.
 */
export async function privacyFixture(label: string) {
  const standIns = inject("standIns");
  const upstash = standIns.upstash;
  if (!upstash) throw new Error("redis-server is not installed: apt-get install -y redis-server");
  const clients = standInClients();
  const resources = await provisionLocalResources(clients, resourceNames(uniquePrefix(label)));
  const clock = new ManualClock(Date.parse("2040-01-15T12:00:00Z"));
  const services = createStorageServices({
    clients,
    deployment: {
      tableName: resources.tableName,
      bucketName: resources.bucketName,
      keyTableName: resources.keyTableName,
      keyArn: standIns.kms.keyArn,
      upstash,
    },
    logger: silentLogger,
    clock,
  });
  const redis = rawRedis();
  const deps = { ...services, clock };
  return { clients, resources, clock, services, deps, redis, sources: subjectDataSources(services) };
}

export type PrivacyFixture = Awaited<ReturnType<typeof privacyFixture>>;

/** What the raw scans read: the SDK clients, the resources' names and a Redis client. */
export type RawStores = Pick<PrivacyFixture, "clients" | "resources" | "redis">;

/** A Redis client through the shared Upstash bridge that hands back values as Redis holds them. */
export function rawRedis(): Redis {
  const upstash = inject("standIns").upstash;
  if (!upstash) throw new Error("redis-server is not installed: apt-get install -y redis-server");
  return new Redis({ ...upstash, enableTelemetry: false, automaticDeserialization: false });
}

/** Remembers a message of `author` in `guild` whose text is `content`. */
export async function remember(fx: PrivacyFixture, guild: string, author: string, content: string) {
  const message = { guild, channelId: "1100000000000000003", messageId: snowflake(), authorId: author };
  const input = {
    ...message,
    content,
    attachments: [`${content}.png`],
    postedAt: fx.clock.now(),
    requestedBy: author,
  };
  const outcome = await rememberMessage(fx.deps, input);
  if (outcome.status !== "stored") throw new Error(`not stored: ${outcome.status}`);
}

/**
 * `alice` in every tier of `guild`: a cold batch she shares with `bob`, a warm message, a hot
 * conversation context and her key. Every text she owns contains `canary`.
 */
export async function plantEverywhere(
  fx: PrivacyFixture,
  guild: string,
  alice: string,
  bob: string,
  canary: string,
) {
  await remember(fx, guild, alice, `${canary}-cold`);
  await remember(fx, guild, bob, "bob's own words");
  fx.clock.advance(40 * DAY);
  await runTierMaintenance(fx.services.data.deps);
  await remember(fx, guild, alice, `${canary}-warm`);
  const turns = [{ role: "user", text: `${canary}-hot` }];
  const entry = { tenant: guild, subject: alice, cls: "conversation-context", data: { turns } };
  await writeHotEntry(fx.services, { ...entry, name: `ctx:1100000000000000003:${alice}` });
}

/** Every item of a table, as DynamoDB stores it (attribute-value JSON). */
export async function scanTable(fx: RawStores, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await fx.clients.dynamodb.send(
      new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return items;
}

/** Every object of the bucket with its bytes, and cold batches decoded into their items. */
export async function scanBucket(fx: RawStores) {
  const listed = await fx.clients.s3.send(new ListObjectsCommand({ Bucket: fx.resources.bucketName }));
  const objects = [];
  for (const { Key: key } of listed.Contents ?? []) {
    if (!key) continue;
    const object = await fx.clients.s3.send(
      new GetObjectCommand({ Bucket: fx.resources.bucketName, Key: key }),
    );
    const bytes = await object.Body?.transformToByteArray();
    const items = key.endsWith(".jsonl.gz") && bytes ? decodeColdBatch(bytes) : [];
    objects.push({ key, bytes: Buffer.from(bytes ?? []), items });
  }
  return objects;
}

/** Every Redis key of a guild (values and tag sets), as Redis holds them. */
export async function scanRedis(fx: RawStores, guild: string) {
  const keys = [...(await fx.redis.keys(`g:${guild}:*`)), ...(await fx.redis.keys(`tag:g:${guild}:*`))];
  const entries = [];
  for (const key of keys) {
    const type = await fx.redis.type(key);
    const value =
      type === "set" ? JSON.stringify(await fx.redis.smembers(key)) : String(await fx.redis.get(key));
    entries.push({ key, value });
  }
  return entries;
}

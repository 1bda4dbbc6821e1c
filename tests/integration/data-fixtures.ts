import {
  createAuditLog,
  createDataClassRegistry,
  createTenantRegistry,
  DATA_CLASSES,
  type DataDeps,
  type DocumentItem,
  itemKeys,
  newItem,
  silentLogger,
} from "@megawatts/core";
import { provisionLocalResources, resourceNames } from "@megawatts/local";
import { DynamoDocumentStore } from "@megawatts/storage/dynamodb";
import { S3BlobStore } from "@megawatts/storage/s3";
import { ManualClock } from "@megawatts/testing/fakes";
import { standInClients, uniquePrefix } from "./helpers.ts";

export const DAY = 86_400_000;

/**
 * A table and bucket of their own (same keys as `stacks/storage.ts`) on the shared stand-ins,
 * with the data-layer adapters over them and a clock that moves only when told.
 */
export async function dataFixture(label: string) {
  const clients = standInClients();
  const resources = await provisionLocalResources(clients, resourceNames(uniquePrefix(label)));
  // Far ahead of the wall clock: DynamoDB Local's own TTL sweep (wall-clock time) may delete an
  // item whose expiresAt has passed for real, which would race the tests' injected clock.
  const clock = new ManualClock(Date.parse("2040-01-15T12:00:00Z"));
  const store = new DynamoDocumentStore({ client: clients.dynamodb, tableName: resources.tableName, clock });
  const blobs = new S3BlobStore({ client: clients.s3, bucket: resources.bucketName });
  const classes = createDataClassRegistry(DATA_CLASSES);
  const audit = createAuditLog({ store, clock });
  const deps: DataDeps = { store, blobs, classes, clock, logger: silentLogger, audit };
  const tenants = createTenantRegistry(store, clock);
  return { clients, resources, clock, store, blobs, classes, audit, deps, tenants };
}

export type DataFixture = Awaited<ReturnType<typeof dataFixture>>;

/** A sealed-looking value: the data layer treats sealed values as opaque JSON objects. */
export const sealedStub = (label: string) => ({
  v: 1,
  alg: "A256GCM",
  ct: Buffer.from(label).toString("base64"),
});

/** A remembered message of `author` in `guild`, created at the fixture clock's time. */
export function message(fx: DataFixture, guild: string, id: string, author = "500") {
  return newItem({
    cls: fx.classes.get("remembered-message"),
    tenant: guild,
    subject: author,
    key: itemKeys.message(guild, "700", id),
    data: { content: sealedStub(`message ${id}`) },
    now: fx.clock.now(),
  });
}

/** Every key in `items`, sorted, for comparing sets of items. */
export const sks = (items: readonly Pick<DocumentItem, "sk">[]) => items.map((item) => item.sk).sort();

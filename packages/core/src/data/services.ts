import { type Clock, type Logger, silentLogger, systemClock } from "../ports/observability.ts";
import { type AuditLog, createAuditLog } from "./audit.ts";
import { DATA_CLASSES } from "./classes.ts";
import { classifiedStore } from "./classified-store.ts";
import { createDataClassRegistry, type DataClassRegistry } from "./data-class.ts";
import type { DataDeps } from "./deps.ts";
import type { SealedCheck } from "./item-rules.ts";
import type { BlobStore, DocumentStore } from "./ports.ts";
import { createTenantRegistry, type TenantRegistry } from "./tenants.ts";

export interface DataServicesInput {
  /** The raw warm-tier adapter (e.g. `DynamoDocumentStore`), built with the same clock. */
  store: DocumentStore;
  /** The cold-tier adapter (e.g. `S3BlobStore`). */
  blobs: BlobStore;
  clock?: Clock;
  logger?: Logger;
  /** The envelope's test for sealed values, e.g. `(v) => SealedSchema.safeParse(v).success`. */
  isSealed?: SealedCheck;
}

/** The warm tier alone, for runtimes with no cold tier (the self-edit worker). */
export interface WarmData {
  classes: DataClassRegistry;
  /** What plugins and use cases write through: class-checked writes, upgraded reads. */
  documents: DocumentStore;
  audit: AuditLog;
  tenants: TenantRegistry;
}

export interface DataServices extends WarmData {
  /** What the tier job, policy report, promotion and erasure helpers take. */
  deps: DataDeps & { tenants: TenantRegistry };
}

/**
 * Puts the warm tier's data layer together without a cold tier: class-checked documents, the
 * audit log and the tenant registry.
 *
 * @example
 * const warm = createWarmData({ store: new DynamoDocumentStore({ client, tableName }) });
 */
export function createWarmData(input: Omit<DataServicesInput, "blobs" | "logger">): WarmData {
  const clock = input.clock ?? systemClock;
  const classes = createDataClassRegistry(DATA_CLASSES);
  return {
    classes,
    audit: createAuditLog({ store: input.store, clock }),
    tenants: createTenantRegistry(input.store, clock),
    documents: classifiedStore(input.store, classes, input.isSealed ? { isSealed: input.isSealed } : {}),
  };
}

/**
 * Puts the data layer together from a runtime's two adapters, once per container.
 *
 * @example
 * export const data = createDataServices({
 *   store: new DynamoDocumentStore({ client: dynamodb, tableName: Resource.Table.name }),
 *   blobs: new S3BlobStore({ client: s3, bucket: Resource.Bucket.name }),
 *   logger,
 * });
 * await runTierMaintenance(data.deps);
 */
export function createDataServices(input: DataServicesInput): DataServices {
  const clock = input.clock ?? systemClock;
  const { classes, audit, tenants, documents } = createWarmData(input);
  const deps = {
    store: input.store,
    blobs: input.blobs,
    classes,
    clock,
    logger: input.logger ?? silentLogger,
    audit,
    tenants,
  };
  return { classes, documents, audit, tenants, deps };
}

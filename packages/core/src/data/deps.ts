import type { Clock, Logger } from "../ports/observability.ts";
import type { AuditLog } from "./audit.ts";
import type { DataClassRegistry } from "./data-class.ts";
import type { ColdBatchRef } from "./keys.ts";
import type { BlobStore, DocumentStore } from "./ports.ts";

/** The steps of one batch's migration, in order; each is durable once reported. */
export type MigrationStep =
  | "intent-recorded"
  | "object-written"
  | "marked-written"
  | "chunk-deleted"
  | "warm-deleted"
  | "done";

/** What the tier use cases work with. `store` is the raw warm tier (no class checks). */
export interface DataDeps {
  store: DocumentStore;
  blobs: BlobStore;
  classes: DataClassRegistry;
  clock: Clock;
  logger: Logger;
  audit?: AuditLog;
  /**
   * Test seam: called after each durable step of a migration; throwing there simulates a
   * crash at that point.
   */
  fault?: (step: MigrationStep, batch: ColdBatchRef) => void | Promise<void>;
}

/** The actor named in audit records written by the tier jobs. */
export const TIERS_ACTOR = "system:tiers";

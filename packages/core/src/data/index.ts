export * from "./audit.ts";
export * from "./classes.ts";
export * from "./classified-store.ts";
export * from "./cold-codec.ts";
export {
  type ColdBatch,
  type ColdBatchData,
  ColdBatchDataSchema,
  type ColdItemRef,
  toColdBatch,
} from "./cold-index.ts";
export * from "./cold-subjects.ts";
export * from "./data-class.ts";
export * from "./deps.ts";
export * from "./errors.ts";
export * from "./item-rules.ts";
export * from "./items.ts";
export * from "./keys.ts";
export * from "./maintenance.ts";
export * from "./migrate.ts";
export { MigrationRaceError } from "./migrate-delete.ts";
export { allPages, withCursor } from "./paging.ts";
export * from "./policy-report.ts";
export type * from "./ports.ts";
export * from "./promote.ts";
export * from "./retention.ts";
export * from "./services.ts";
export * from "./system-classes.ts";
export * from "./tenants.ts";

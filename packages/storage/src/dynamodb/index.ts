export * from "./document-store.ts";
export * from "./health.ts";
export * from "./idempotency.ts";
export * from "./job-keys.ts";
export * from "./key-store.ts";

export * from "./health.ts";
export * from "./idempotency.ts";

export * from "./health.ts";
export * from "./blob-store.ts";

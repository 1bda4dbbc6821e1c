export * from "./blob-store.ts";
export * from "./health.ts";

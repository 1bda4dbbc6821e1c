export * from "./health.ts";
export * from "./upstash-cache.ts";

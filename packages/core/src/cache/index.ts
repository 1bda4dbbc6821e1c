export * from "./memory-cache.ts";
export * from "./multi-level-cache.ts";
export * from "./ports.ts";
export * from "./tenant-cache.ts";

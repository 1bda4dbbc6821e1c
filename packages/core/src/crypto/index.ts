export * from "./envelope.ts";
export * from "./errors.ts";
export * from "./key-cache.ts";
export type * from "./ports.ts";
export * from "./sealed.ts";

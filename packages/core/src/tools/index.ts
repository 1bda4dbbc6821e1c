export * from "./actor.ts";
export * from "./executor.ts";
export * from "./json-schema.ts";
export * from "./ports.ts";
export * from "./rate-limit.ts";
export * from "./refusal.ts";
export * from "./tool.ts";

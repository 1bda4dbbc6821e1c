export type * from "./ports.ts";
export * from "./task.ts";

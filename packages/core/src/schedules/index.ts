export * from "./occurrence.ts";
export type * from "./ports.ts";
export * from "./request.ts";
export * from "./task.ts";

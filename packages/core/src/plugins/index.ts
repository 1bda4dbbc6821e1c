export * from "./cached-state.ts";
export * from "./catalog.ts";
export * from "./change-plugins.ts";
export * from "./guild-state.ts";
export * from "./manifest.ts";
export * from "./ports.ts";
export * from "./registry.ts";
export type * from "./types.ts";
export * from "./version.ts";

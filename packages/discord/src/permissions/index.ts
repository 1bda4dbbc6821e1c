export * from "./compute.ts";
export * from "./hierarchy.ts";

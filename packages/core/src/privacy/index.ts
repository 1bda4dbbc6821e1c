export * from "./erase-subject.ts";
export * from "./export-subject.ts";
export * from "./hot-entries.ts";
export * from "./hot-key-sources.ts";
export * from "./preferences.ts";
export * from "./sealed-fields.ts";
export * from "./sources.ts";
export * from "./store-sources.ts";

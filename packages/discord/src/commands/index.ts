export * from "./command-hash.ts";
export * from "./command-limits.ts";
export * from "./sync-cli.ts";
export * from "./sync-commands.ts";

export * from "./commands/index.ts";
export * from "./http/interactions-endpoint.ts";
export * from "./rest/index.ts";
export * from "./verify.ts";

export * from "./catalogue/index.ts";
export * from "./rest-port.ts";
export * from "./server-tools.ts";

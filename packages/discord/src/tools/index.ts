export * from "./catalogue/index.ts";
export * from "./rest-port.ts";

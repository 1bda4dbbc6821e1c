export * from "./health.ts";
export * from "./kms-key-service.ts";

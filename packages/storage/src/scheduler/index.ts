export * from "./eventbridge-scheduler.ts";
export * from "./names.ts";

export * from "./local-scheduler.ts";
export { type SendFailed, type SendTask, toTask } from "./one-shot.ts";
export * from "./recurrence.ts";
export * from "./sqs-task-sender.ts";

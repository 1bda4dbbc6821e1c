export * from "./sqs-job-queue.ts";

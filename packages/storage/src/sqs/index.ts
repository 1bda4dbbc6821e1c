export * from "./backoff.ts";
export * from "./dead-letter-admin.ts";
export * from "./dead-letters.ts";
export * from "./health.ts";
export * from "./message-body.ts";
export * from "./sqs-job-queue.ts";

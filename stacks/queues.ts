import { workerSecrets } from "./secrets.ts";
import { bucket, dataKey, keyTable, table } from "./storage.ts";

/** Worker Lambda timeout. Queue visibility timeouts are derived from it. */
export const WORKER_TIMEOUT_SECONDS = 60;

// AWS asks for a visibility timeout of at least six times the consumer's timeout, so a batch
// that Lambda retries after throttling or a timeout is not handed out a second time meanwhile.
const workerVisibilityTimeout = `${6 * WORKER_TIMEOUT_SECONDS} seconds` as const;

// Dead-letter queues keep messages as long as SQS allows, for inspection and redrive.
const deadLetterRetention = { messageRetentionSeconds: 14 * 24 * 60 * 60 };

export const jobsDeadLetterQueue = new sst.aws.Queue("JobsDeadLetterQueue", {
  visibilityTimeout: workerVisibilityTimeout,
  transform: { queue: deadLetterRetention },
});

export const jobsQueue = new sst.aws.Queue("JobsQueue", {
  visibilityTimeout: workerVisibilityTimeout,
  dlq: { queue: jobsDeadLetterQueue.arn, retry: 5 },
});

export const selfEditDeadLetterQueue = new sst.aws.Queue("SelfEditDeadLetterQueue", {
  fifo: true,
  visibilityTimeout: workerVisibilityTimeout,
  transform: { queue: deadLetterRetention },
});

// FIFO keeps the edits of one request in order (message group = request id). Producers set
// explicit deduplication ids, so content-based deduplication stays off.
// No subscriber yet: a later change adds the self-edit worker (and links the GitHub secrets).
export const selfEditQueue = new sst.aws.Queue("SelfEditQueue", {
  fifo: { contentBasedDeduplication: false },
  visibilityTimeout: workerVisibilityTimeout,
  dlq: { queue: selfEditDeadLetterQueue.arn, retry: 3 },
});

/** Everything a worker may touch. Shared by the queue workers and the scheduled jobs. */
export const workerLinks = [
  table,
  keyTable,
  bucket,
  dataKey,
  jobsQueue,
  jobsDeadLetterQueue,
  ...workerSecrets,
];

/** The one worker configuration: every queue and cron function is built from it. */
export function workerFunction(handler: string) {
  return {
    handler,
    runtime: "nodejs20.x",
    architecture: "arm64",
    memory: "1024 MB",
    timeout: `${WORKER_TIMEOUT_SECONDS} seconds`,
    logging: { retention: "1 month", format: "json" },
    nodejs: { minify: true, esbuild: { mainFields: ["module", "main"] } },
    link: workerLinks,
  } satisfies sst.aws.FunctionArgs;
}

export const jobsSubscriber = jobsQueue.subscribe(workerFunction("functions/queue/jobs.handler"), {
  batch: { size: 10, window: "0 seconds", partialResponses: true },
});

export const deadLetterSubscriber = jobsDeadLetterQueue.subscribe(
  workerFunction("functions/queue/dead-letter.handler"),
  { batch: { size: 10, partialResponses: true } },
);

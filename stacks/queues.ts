import { bundleFor, LAMBDA_RUNTIME } from "./runtime.ts";
import { schedulingFor } from "./schedule-group.ts";
import { githubSecrets, openAiApiKey, selfEditEnvironment, workerSecrets } from "./secrets.ts";
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

/**
 * The tasks worker's timeout: scheduled tasks (the tier migration above all) work until
 * shortly before it and carry on at their next run.
 */
export const TASKS_TIMEOUT_SECONDS = 15 * 60;
const tasksVisibilityTimeout = `${6 * TASKS_TIMEOUT_SECONDS} seconds` as const;

export const tasksDeadLetterQueue = new sst.aws.Queue("TasksDeadLetterQueue", {
  visibilityTimeout: tasksVisibilityTimeout,
  transform: { queue: deadLetterRetention },
});

// Scheduled tasks (recurring and one-shot) arrive here from EventBridge Scheduler, apart from
// interaction jobs, so a long task never delays a reply.
export const tasksQueue = new sst.aws.Queue("TasksQueue", {
  visibilityTimeout: tasksVisibilityTimeout,
  dlq: { queue: tasksDeadLetterQueue.arn, retry: 3 },
});

/** The scheduler role may send to the tasks queue; the workers may manage one-shot schedules. */
export const tasksScheduling = schedulingFor(tasksQueue);

/**
 * The self-edit worker's timeout: gathering code, the model's rounds and validation, within
 * the 15 minutes an interaction token lives.
 */
export const SELFEDIT_TIMEOUT_SECONDS = 14 * 60;
const selfEditVisibilityTimeout = `${6 * SELFEDIT_TIMEOUT_SECONDS} seconds` as const;

export const selfEditDeadLetterQueue = new sst.aws.Queue("SelfEditDeadLetterQueue", {
  fifo: true,
  visibilityTimeout: selfEditVisibilityTimeout,
  transform: { queue: deadLetterRetention },
});

// FIFO with the repository as message group: one self-edit job at a time per repository, in
// order. Producers set explicit deduplication ids (the request id), so content-based
// deduplication stays off.
export const selfEditQueue = new sst.aws.Queue("SelfEditQueue", {
  fifo: { contentBasedDeduplication: false },
  visibilityTimeout: selfEditVisibilityTimeout,
  dlq: { queue: selfEditDeadLetterQueue.arn, retry: 3 },
});

/** Everything a worker may touch. Shared by the jobs and tasks workers. */
export const workerLinks = [
  table,
  keyTable,
  bucket,
  dataKey,
  jobsQueue,
  jobsDeadLetterQueue,
  tasksQueue,
  tasksDeadLetterQueue,
  ...workerSecrets,
];

/** The one worker configuration: the jobs and tasks functions are built from it. */
export function workerFunction(handler: string) {
  return {
    handler,
    runtime: LAMBDA_RUNTIME,
    architecture: "arm64",
    memory: "1024 MB",
    timeout: `${WORKER_TIMEOUT_SECONDS} seconds`,
    logging: { retention: "1 month", format: "json" },
    nodejs: bundleFor(),
    link: workerLinks,
  } satisfies sst.aws.FunctionArgs;
}

// Plugins schedule one-shot tasks from jobs and tasks (a ban schedules its unban), so those
// two workers get the scheduler link; the dead-letter workers do not.
const withScheduling = (args: sst.aws.FunctionArgs & { link: unknown[] }) => ({
  ...args,
  link: [...args.link, tasksScheduling.link],
});

/**
 * How far the jobs worker scales out: enough for 500 interactions/s of which most defer, while
 * leaving the account's other functions room and keeping Discord's per-route limits in reach.
 */
export const JOBS_MAX_CONCURRENCY = 100;

// Low latency: no batching window (a job starts as soon as a poller sees it; SST's default
// waits up to 20 s to fill a batch), and up to 10 records per invocation run side by side, so
// a burst shares warm containers instead of starting cold ones.
export const jobsSubscriber = jobsQueue.subscribe(
  withScheduling(workerFunction("functions/queue/jobs.handler")),
  {
    batch: { size: 10, window: "0 seconds", partialResponses: true },
    transform: {
      eventSourceMapping: { scalingConfig: { maximumConcurrency: JOBS_MAX_CONCURRENCY } },
    },
  },
);

export const deadLetterSubscriber = jobsDeadLetterQueue.subscribe(
  workerFunction("functions/queue/dead-letter.handler"),
  { batch: { size: 10, partialResponses: true } },
);

// One task per invocation: a task may use the whole timeout.
export const tasksSubscriber = tasksQueue.subscribe(
  {
    ...withScheduling(workerFunction("functions/queue/tasks.handler")),
    timeout: `${TASKS_TIMEOUT_SECONDS} seconds`,
  },
  { batch: { size: 1, partialResponses: true } },
);

export const tasksDeadLetterSubscriber = tasksDeadLetterQueue.subscribe(
  workerFunction("functions/queue/tasks-dead-letter.handler"),
  { batch: { size: 10, partialResponses: true } },
);

/**
 * The self-edit worker: only what it touches is linked (table, key table and data key for the
 * records, its queue for backoff, the OpenAI key and the GitHub App), plus the settings.
 */
export function selfEditFunction(handler: string) {
  return {
    handler,
    runtime: LAMBDA_RUNTIME,
    architecture: "arm64",
    memory: "2048 MB",
    timeout: `${SELFEDIT_TIMEOUT_SECONDS} seconds`,
    logging: { retention: "1 month", format: "json" },
    nodejs: bundleFor(),
    link: [table, keyTable, dataKey, selfEditQueue, openAiApiKey, ...githubSecrets],
    environment: selfEditEnvironment,
  } satisfies sst.aws.FunctionArgs;
}

// One job at a time: a FIFO message group is handed out in order anyway.
export const selfEditSubscriber = selfEditQueue.subscribe(
  selfEditFunction("functions/queue/selfedit.handler"),
  {
    batch: { size: 1, partialResponses: true },
  },
);

export const selfEditDeadLetterSubscriber = selfEditDeadLetterQueue.subscribe(
  selfEditFunction("functions/queue/selfedit-dead-letter.handler"),
  { batch: { size: 10, partialResponses: true } },
);

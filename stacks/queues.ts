import {
  JOB_RETRY_SCHEDULE,
  redriveThreshold,
  SELFEDIT_RETRY_SCHEDULE,
  TASK_RETRY_SCHEDULE,
} from "../packages/core/src/resilience/retry-schedule.ts";
import { linksOf } from "./links.ts";
import { memoryOf } from "./memory.ts";
import { activeTracing, bundleFor, LAMBDA_RUNTIME } from "./runtime.ts";
import { schedulingFor } from "./schedule-group.ts";
import {
  discordBotToken,
  githubAppId,
  githubAppPrivateKey,
  githubInstallationId,
  githubRepository,
  openAiApiKey,
  pineconeApiKey,
  pineconeIndex,
  selfEditEnvironment,
  upstashRedisRestToken,
  upstashRedisRestUrl,
} from "./secrets.ts";
import { bucket, dataKey, keyTable, table } from "./storage.ts";

/** Worker Lambda timeout. Queue visibility timeouts are derived from it. */
export const WORKER_TIMEOUT_SECONDS = 60;

// AWS asks for a visibility timeout of at least six times the consumer's timeout, so a batch
// that Lambda retries after throttling or a timeout is not handed out a second time meanwhile.
const workerVisibilityTimeout = `${6 * WORKER_TIMEOUT_SECONDS} seconds` as const;

// Dead-letter queues keep messages as long as SQS allows, for inspection and redrive
// (`npm run dlq`). Nothing consumes them: a worker sends a job there itself, with its reason,
// after its last try, and the queue's own redrive (two receives later, `redriveThreshold`) only
// catches a worker that crashed or timed out before it could.
const deadLetterRetention = { messageRetentionSeconds: 14 * 24 * 60 * 60 };

export const jobsDeadLetterQueue = new sst.aws.Queue("JobsDeadLetterQueue", {
  visibilityTimeout: workerVisibilityTimeout,
  transform: { queue: deadLetterRetention },
});

export const jobsQueue = new sst.aws.Queue("JobsQueue", {
  visibilityTimeout: workerVisibilityTimeout,
  dlq: { queue: jobsDeadLetterQueue.arn, retry: redriveThreshold(JOB_RETRY_SCHEDULE) },
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
  dlq: { queue: tasksDeadLetterQueue.arn, retry: redriveThreshold(TASK_RETRY_SCHEDULE) },
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
  dlq: { queue: selfEditDeadLetterQueue.arn, retry: redriveThreshold(SELFEDIT_RETRY_SCHEDULE) },
});

/**
 * A queue as one function may reach it: its URL, and only the actions listed. With none, the
 * link carries the URL alone: a worker's rights on its own queue (receive, delete, change
 * visibility for backoff, read its attributes) come with its subscription. A link to the queue
 * itself would grant sqs:* on it.
 */
function queueAccess(name: string, queue: sst.aws.Queue, actions: string[] = []) {
  return new sst.Linkable(name, {
    properties: { url: queue.url },
    include: actions.length > 0 ? [sst.aws.permission({ actions, resources: [queue.arn] })] : [],
  });
}

// A worker sends to its dead-letter queue itself, with the reason (`/status` reads its depth).
const deadLetterSender = (name: string, queue: sst.aws.Queue) =>
  queueAccess(name, queue, ["sqs:SendMessage", "sqs:GetQueueAttributes"]);
// `/status` and the health task read the depth of queues another worker consumes.
const queueProbe = (name: string, queue: sst.aws.Queue) =>
  queueAccess(name, queue, ["sqs:GetQueueAttributes"]);

export const jobsDeadLetterSender = deadLetterSender("JobsDeadLetterSender", jobsDeadLetterQueue);
export const tasksDeadLetterSender = deadLetterSender("TasksDeadLetterSender", tasksDeadLetterQueue);
export const selfEditDeadLetterSender = deadLetterSender("SelfEditDeadLetterSender", selfEditDeadLetterQueue);

/** What both workers reach besides their queues: the tiers, the keys, Discord, models, vectors, the hot tier, one-shot schedules. */
const workerShared = {
  Table: table,
  KeyTable: keyTable,
  Bucket: bucket,
  DataKey: dataKey,
  Scheduler: tasksScheduling.link,
  DiscordBotToken: discordBotToken,
  OpenAiApiKey: openAiApiKey,
  PineconeApiKey: pineconeApiKey,
  PineconeIndex: pineconeIndex,
  UpstashRedisRestUrl: upstashRedisRestUrl,
  UpstashRedisRestToken: upstashRedisRestToken,
};

/** The one worker configuration: the jobs and tasks functions are built from it. */
function workerFunction(name: "jobsWorker" | "tasksWorker", handler: string, link: unknown[]) {
  return {
    handler,
    runtime: LAMBDA_RUNTIME,
    architecture: "arm64",
    memory: memoryOf(name),
    timeout: `${WORKER_TIMEOUT_SECONDS} seconds`,
    logging: { retention: "1 month", format: "json" },
    nodejs: bundleFor(),
    link,
    ...activeTracing,
  } satisfies sst.aws.FunctionArgs;
}

/**
 * How far the jobs worker scales out: enough for 500 interactions/s of which most defer, while
 * leaving the account's other functions room and keeping Discord's per-route limits in reach.
 */
export const JOBS_MAX_CONCURRENCY = 100;

// Low latency: no batching window, said outright (a job starts as soon as a poller sees it), and
// up to 10 records per invocation run side by side, so a burst shares warm containers instead of
// starting cold ones.
export const jobsSubscriber = jobsQueue.subscribe(
  workerFunction(
    "jobsWorker",
    "functions/queue/jobs.handler",
    linksOf("jobsWorker", {
      ...workerShared,
      JobsQueueConsumer: queueAccess("JobsQueueConsumer", jobsQueue),
      JobsDeadLetterSender: jobsDeadLetterSender,
      TasksQueueProbe: queueProbe("TasksQueueProbe", tasksQueue),
    }),
  ),
  {
    batch: { size: 10, window: "0 seconds", partialResponses: true },
    transform: {
      eventSourceMapping: { scalingConfig: { maximumConcurrency: JOBS_MAX_CONCURRENCY } },
    },
  },
);

// One task per invocation: a task may use the whole timeout.
export const tasksSubscriber = tasksQueue.subscribe(
  {
    ...workerFunction(
      "tasksWorker",
      "functions/queue/tasks.handler",
      linksOf("tasksWorker", {
        ...workerShared,
        TasksQueueConsumer: queueAccess("TasksQueueConsumer", tasksQueue),
        TasksDeadLetterSender: tasksDeadLetterSender,
        JobsQueueProbe: queueProbe("JobsQueueProbe", jobsQueue),
        JobsDeadLetterProbe: queueProbe("JobsDeadLetterProbe", jobsDeadLetterQueue),
      }),
    ),
    timeout: `${TASKS_TIMEOUT_SECONDS} seconds`,
  },
  { batch: { size: 1, partialResponses: true } },
);

/**
 * The self-edit worker: the records in the table under the keys, its queue for backoff and its
 * dead-letter queue, the OpenAI key and the GitHub App, plus the settings; the bot token for the
 * proposal messages that Approve and Discard from the dashboard edit. No bucket.
 */
export const selfEditSubscriber = selfEditQueue.subscribe(
  {
    handler: "functions/queue/selfedit.handler",
    runtime: LAMBDA_RUNTIME,
    architecture: "arm64",
    memory: memoryOf("selfEditWorker"),
    timeout: `${SELFEDIT_TIMEOUT_SECONDS} seconds`,
    logging: { retention: "1 month", format: "json" },
    nodejs: bundleFor(),
    link: linksOf("selfEditWorker", {
      Table: table,
      KeyTable: keyTable,
      DataKey: dataKey,
      SelfEditQueueConsumer: queueAccess("SelfEditQueueConsumer", selfEditQueue),
      SelfEditDeadLetterSender: selfEditDeadLetterSender,
      OpenAiApiKey: openAiApiKey,
      GithubAppId: githubAppId,
      GithubAppPrivateKey: githubAppPrivateKey,
      GithubInstallationId: githubInstallationId,
      GithubRepository: githubRepository,
      DiscordBotToken: discordBotToken,
    }),
    environment: selfEditEnvironment,
    ...activeTracing,
  },
  // One job at a time: a FIFO message group is handed out in order anyway.
  { batch: { size: 1, partialResponses: true } },
);

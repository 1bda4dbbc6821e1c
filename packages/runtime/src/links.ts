/**
 * The SST links of each Lambda function, by the name each resource has in `Resource`: what the
 * function's composition wires, and nothing more. `stacks/` links a function to exactly these
 * (`linksOf`), and the function's reader in `functions/linked/` reads exactly these
 * (`functions/linked/links.test.ts` checks it), so the two cannot drift apart.
 *
 * @example
 * functionLinks.githubWebhook // ["GithubWebhookSecret", "TableItems", "DiscordBotToken"]
 */
export const functionLinks = {
  /** Verifies, reads plugin choices, writes the keys of sealed jobs, enqueues. */
  ingress: [
    "DiscordPublicKey",
    "JobsQueueSender",
    "SelfEditQueueSender",
    "PluginStateReader",
    "JobKeyWriter",
    "GithubRepository",
  ],
  /** Interaction jobs: every plugin port; its own queue's backoff and dead letters; the tasks queue's depth. */
  jobsWorker: [
    "Table",
    "KeyTable",
    "Bucket",
    "DataKey",
    "JobsQueueConsumer",
    "JobsDeadLetterSender",
    "TasksQueueProbe",
    "Scheduler",
    "DiscordBotToken",
    "OpenAiApiKey",
    "PineconeApiKey",
    "PineconeIndex",
    "UpstashRedisRestUrl",
    "UpstashRedisRestToken",
  ],
  /** Scheduled tasks: the same ports; its own queue's backoff and dead letters; the jobs queues' depth. */
  tasksWorker: [
    "Table",
    "KeyTable",
    "Bucket",
    "DataKey",
    "TasksQueueConsumer",
    "TasksDeadLetterSender",
    "JobsQueueProbe",
    "JobsDeadLetterProbe",
    "Scheduler",
    "DiscordBotToken",
    "OpenAiApiKey",
    "PineconeApiKey",
    "PineconeIndex",
    "UpstashRedisRestUrl",
    "UpstashRedisRestToken",
  ],
  /**
   * Self-edits: records in the table under the keys, its FIFO queue, the model and the GitHub
   * App; the bot token for the proposal messages that Approve and Discard from the dashboard edit.
   */
  selfEditWorker: [
    "Table",
    "KeyTable",
    "DataKey",
    "SelfEditQueueConsumer",
    "SelfEditDeadLetterSender",
    "OpenAiApiKey",
    "GithubAppId",
    "GithubAppPrivateKey",
    "GithubInstallationId",
    "GithubRepository",
    "DiscordBotToken",
  ],
  /** `POST /github`: its secret, the self-edit records and deliveries (items only), Discord messages. */
  githubWebhook: ["GithubWebhookSecret", "TableItems", "DiscordBotToken"],
  /** Alarm topic → Discord: the channel webhook, nothing else. */
  alarmNotifier: ["AlarmWebhookUrl"],
  /**
   * `/api/*`: sessions, plugin changes, the audit log and My data (every tier and the member's
   * key); the queues' attributes for the overview; search's models and vectors, the hot tier;
   * Discord for who may see what; the OAuth2 client; the self-edit queue (send only) for
   * Approve and Discard.
   */
  dashboardApi: [
    "Table",
    "KeyTable",
    "Bucket",
    "DataKey",
    "DashboardQueueProbe",
    "SelfEditQueueSender",
    "GithubRepository",
    "DashboardUrl",
    "DiscordApplicationId",
    "DashboardClientSecret",
    "DiscordBotToken",
    "OpenAiApiKey",
    "PineconeApiKey",
    "PineconeIndex",
    "UpstashRedisRestUrl",
    "UpstashRedisRestToken",
  ],
} as const;

export type FunctionName = keyof typeof functionLinks;

/** The names of the links of one function. */
export type LinkNameOf<F extends FunctionName> = (typeof functionLinks)[F][number];

/**
 * The ingress reads its links' values from these environment variables, which the stack sets
 * from the same resources (`stacks/api.ts`), rather than through `sst/resource`: none of them is
 * a secret (a public key, queue URLs, table names, a repository name), and `sst/resource` imports
 * Node's `process` module as an ES module, which makes Node read every property of `process` at
 * the cold start (about 3 ms, the largest part of the ingress's import after `node:crypto`). Its
 * links still give it its permissions.
 */
export const ingressEnvironment = {
  DiscordPublicKey: "DISCORD_PUBLIC_KEY",
  JobsQueueSender: "JOBS_QUEUE_URL",
  SelfEditQueueSender: "SELFEDIT_QUEUE_URL",
  PluginStateReader: "PLUGIN_STATE_TABLE",
  JobKeyWriter: "JOB_KEY_TABLE",
  GithubRepository: "GITHUB_REPOSITORY",
} as const satisfies Record<LinkNameOf<"ingress">, string>;

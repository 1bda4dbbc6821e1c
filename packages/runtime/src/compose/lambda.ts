import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createHashEmbedder } from "@megawatts/ai/hash-embedder";
import { createOpenAiChat, createOpenAiClient } from "@megawatts/ai/openai";
import {
  Breakers,
  guardedChat,
  JOB_RETRY_SCHEDULE,
  SELFEDIT_RETRY_SCHEDULE,
  systemClock,
  TASK_RETRY_SCHEDULE,
  VisibleError,
} from "@megawatts/core";
import {
  createDiscordRest,
  createInteractionRest,
  DiscordChannelMessages,
  DiscordResponder,
} from "@megawatts/discord/rest";
import { selfEditSettings } from "@megawatts/plugin-selfedit/config";
import { guardedWriter, type RepositoryWriter } from "@megawatts/selfedit";
import { createGithubWriter } from "@megawatts/selfedit/github";
import { createIdempotencyStore, DynamoDocumentStore, DynamoJobKeys } from "@megawatts/storage/dynamodb";
import { EventBridgeScheduler, type EventBridgeSchedulerOptions } from "@megawatts/storage/scheduler";
import { sqsDeadLetterSink, visibilityBackoff } from "@megawatts/storage/sqs";
import { type Deployment, SDK_CLIENT_DEFAULTS } from "../deployment.ts";
import { createLogger, createMetrics, flushMetrics, toCoreLogger, toCoreMetrics } from "../observability.ts";
import { xrayTracing } from "../tracing.ts";
import { composeGithubWebhook } from "./github-webhook.ts";
import { composeSelfEditWorker, type SelfEditParts } from "./selfedit.ts";
import { composeWorker, createWorkerPorts } from "./worker.ts";

// What every Lambda entry point shares: default SDK clients (region and credentials from the
// Lambda environment), built once per container, and Powertools observability.

const tracing = xrayTracing();

function observability(component: string) {
  const metrics = createMetrics(component);
  return {
    tracing,
    logger: toCoreLogger(createLogger(component)),
    metrics: toCoreMetrics(metrics),
    afterEach: () => {
      // Emitted once per container, on its first invocation.
      metrics.captureColdStartMetric();
      flushMetrics(metrics);
    },
  };
}

/**
 * The jobs or tasks worker of a Lambda, on the deployment's linked resources: every plugin
 * port, one-shot tasks on EventBridge Scheduler, replies through the bot token, runs claimed
 * in the table, failed records backed off on their own queue and kept in its dead-letter queue.
 *
 * @example
 * export const handler = composeLambdaWorker("jobs", jobsWorkerResources()).jobs;
 */
export function composeLambdaWorker(
  queue: "jobs" | "tasks",
  resources: {
    deployment: Deployment;
    deadLetterUrl: string;
    scheduling: Omit<EventBridgeSchedulerOptions, "clock">;
  },
) {
  const { deployment, deadLetterUrl, scheduling } = resources;
  const clients = {
    dynamodb: tracing.instrument(new DynamoDBClient({})),
    s3: tracing.instrument(new S3Client({})),
    kms: tracing.instrument(new KMSClient(SDK_CLIENT_DEFAULTS)),
    sqs: tracing.instrument(new SQSClient(SDK_CLIENT_DEFAULTS)),
  };
  const { logger, metrics, afterEach } = observability(queue === "jobs" ? "worker" : "tasks");
  const rest = createDiscordRest({ token: deployment.discord.botToken });
  // One breaker per outside service, for this container.
  const breakers = new Breakers();
  const schedule = queue === "jobs" ? JOB_RETRY_SCHEDULE : TASK_RETRY_SCHEDULE;
  const ports = createWorkerPorts({
    deployment,
    clients,
    logger,
    breakers,
    scheduler: new EventBridgeScheduler(
      tracing.instrument(new SchedulerClient(SDK_CLIENT_DEFAULTS)),
      scheduling,
    ),
  });
  return composeWorker({
    ports,
    cacheStats: ports.cache.stats,
    responder: new DiscordResponder(createInteractionRest(), { logger }),
    breakers,
    channelMessages: new DiscordChannelMessages(rest),
    persistenceStore: createIdempotencyStore({ client: clients.dynamodb, tableName: deployment.tableName }),
    jobKeys: new DynamoJobKeys(clients.dynamodb, deployment.keyTableName),
    backoff: visibilityBackoff(clients.sqs, deployment.queues[queue], schedule),
    maxAttempts: schedule.maxAttempts,
    deadLetter: sqsDeadLetterSink(clients.sqs, { deadLetterUrl, sourceQueue: queue }),
    logger,
    metrics,
    afterEach,
    tracing,
  });
}

/** The GitHub App from the linked secrets; until they are set, requests are told what is missing. */
function repositoryWriter(
  app: {
    appId: string;
    privateKey: string;
    installationId: string;
    repository: string;
  },
  breakers: Breakers,
) {
  if (Object.values(app).every((value) => value.trim() !== ""))
    return guardedWriter(createGithubWriter(app), breakers);
  const refuse = async (): Promise<never> => {
    throw new VisibleError("Self-editing is not set up: the GitHub App secrets (GithubAppId, …) are empty.");
  };
  return {
    repository: "unconfigured",
    snapshot: refuse,
    openPullRequest: refuse,
    revert: refuse,
  } satisfies RepositoryWriter;
}

/**
 * The self-edit worker of a Lambda: the model when its key is set, the GitHub App, and no
 * checkout (types and tests are left to the pull request's CI).
 *
 * @example
 * export const handler = composeLambdaSelfEdit(selfEditResources()).jobs;
 */
export function composeLambdaSelfEdit(resources: {
  deployment: SelfEditParts["deployment"];
  queueUrl: string;
  deadLetterUrl: string;
  openAiKey: string | undefined;
  github: { appId: string; privateKey: string; installationId: string; repository: string };
}) {
  const clients = {
    dynamodb: tracing.instrument(new DynamoDBClient({})),
    kms: tracing.instrument(new KMSClient(SDK_CLIENT_DEFAULTS)),
  };
  const sqs = tracing.instrument(new SQSClient(SDK_CLIENT_DEFAULTS));
  const { openAiKey } = resources;
  // One breaker per outside service, for this container: the model and GitHub.
  const breakers = new Breakers();
  const chat = openAiKey
    ? guardedChat(createOpenAiChat({ client: createOpenAiClient({ apiKey: openAiKey }) }), breakers)
    : undefined;
  return composeSelfEditWorker({
    deployment: resources.deployment,
    clients,
    pipeline: {
      chat,
      writer: repositoryWriter(resources.github, breakers),
      embedder: createHashEmbedder(),
      settings: selfEditSettings(),
      validation: { tests: { run: false, skipReason: "tests run in the pull request's CI" } },
      clock: systemClock,
    },
    backoff: visibilityBackoff(sqs, resources.queueUrl, SELFEDIT_RETRY_SCHEDULE),
    maxAttempts: SELFEDIT_RETRY_SCHEDULE.maxAttempts,
    deadLetter: sqsDeadLetterSink(sqs, { deadLetterUrl: resources.deadLetterUrl, sourceQueue: "selfedit" }),
    ...observability("selfedit"),
  });
}

/**
 * `POST /github` of a Lambda: no GitHub client and no keys; the table and the bot token only.
 *
 * @example
 * export const handler = createHttpHandler(composeLambdaGithubWebhook(githubWebhookResources()));
 */
export function composeLambdaGithubWebhook(resources: {
  secret: string;
  tableName: string;
  botToken: string;
}) {
  return composeGithubWebhook({
    secret: resources.secret,
    store: new DynamoDocumentStore({
      client: new DynamoDBClient({}),
      tableName: resources.tableName,
    }),
    messages: new DiscordChannelMessages(createDiscordRest({ token: resources.botToken })),
    logger: toCoreLogger(createLogger("github")),
  });
}

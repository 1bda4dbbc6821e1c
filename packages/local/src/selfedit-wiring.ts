import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { createHashEmbedder } from "@megawatts/ai/local";
import { createOpenAiChat, createOpenAiClient } from "@megawatts/ai/openai";
import {
  type ChatModel,
  type Logger,
  type Metrics,
  type RetrySchedule,
  SELFEDIT_RETRY_SCHEDULE,
  systemClock,
  type WorkerServices,
} from "@megawatts/core";
import { createDiscordRest, DiscordChannelMessages, DiscordResponder } from "@megawatts/discord/rest";
import { composeGithubWebhook } from "@megawatts/lambda/compose-github-webhook";
import { composeWorker } from "@megawatts/lambda/compose-worker";
import { selfEditSettings } from "@megawatts/plugin-selfedit/config";
import { createSelfEditPipeline } from "@megawatts/plugin-selfedit/pipeline";
import type { RepositoryWriter } from "@megawatts/selfedit";
import { createGithubWriter } from "@megawatts/selfedit/github";
import { createLocalGitWriter } from "@megawatts/selfedit/local-git";
import { createIdempotencyStore } from "@megawatts/storage/dynamodb";
import { SqsJobQueue, sqsDeadLetterSink, visibilityBackoff } from "@megawatts/storage/sqs";
import type { LocalClients } from "./clients.ts";
import type { LocalConfig } from "./config.ts";
import type { Provisioned } from "./stand-ins/provision.ts";

/** The repository self-edits go to: the GitHub App's, or a local directory (default: here). */
export function selfEditRepository(config: LocalConfig): { github?: string; dir: string } {
  const github = config.selfEdit?.github?.repository;
  return { ...(github ? { github } : {}), dir: resolve(config.selfEdit?.repoDir ?? ".") };
}

/**
 * The FIFO self-edit queue as the ingress sends to it: one message group per repository, so
 * one self-edit job runs at a time for it.
 */
export function selfEditQueue(clients: LocalClients, resources: Provisioned, config: LocalConfig) {
  const repository = selfEditRepository(config);
  const group = `repo-${createHash("sha256")
    .update(repository.github ?? repository.dir)
    .digest("hex")
    .slice(0, 16)}`;
  return new SqsJobQueue(clients.sqs, resources.selfEditQueue.url, { messageGroupId: () => group });
}

function writerFor(config: LocalConfig): RepositoryWriter {
  const github = config.selfEdit?.github;
  if (github) return createGithubWriter(github);
  return createLocalGitWriter({
    dir: selfEditRepository(config).dir,
    recordDir: join(config.dataDir, "pull-requests"),
  });
}

function chatFor(config: LocalConfig): ChatModel | undefined {
  if (!config.openai) return undefined;
  // A local OpenAI-compatible server may need no key; the SDK still wants one.
  const client = createOpenAiClient({
    apiKey: config.openai.apiKey ?? "local",
    ...(config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : {}),
  });
  return createOpenAiChat({ client, ...(config.selfEdit?.model ? { model: config.selfEdit.model } : {}) });
}

/** Channel messages need a bot token; the sink accepts a stand-in one, real Discord gets only the configured one. */
function botRest(input: SelfEditWiringInput) {
  if (input.config.discord.botToken || !input.sink) return input.rest;
  return createDiscordRest({ apiUrl: input.discordApiUrl, token: "local-sink" });
}

export interface SelfEditWiringInput {
  config: LocalConfig;
  clients: LocalClients;
  resources: Provisioned;
  services: WorkerServices;
  /** Discord REST as the workers use it (the sink, or Discord with the bot token). */
  rest: ReturnType<typeof createDiscordRest>;
  discordApiUrl: string;
  /** Whether Discord REST is the built-in sink (which takes any bot token). */
  sink: boolean;
  logger: Logger;
  metrics: Metrics;
  flush(): void;
  retry: RetrySchedule;
}

/**
 * The self-edit half of the local runtime, built as the Lambdas build theirs: the pipeline
 * worker for the FIFO self-edit queue and its dead-letter queue (model from `OPENAI_*`,
 * branches in the local repository or through a GitHub App), and the `POST /github` webhook.
 *
 * @example
 * const selfEdit = wireSelfEdit({ config, clients, resources, services, rest, logger, metrics, flush, backoff });
 */
export function wireSelfEdit(input: SelfEditWiringInput) {
  const { config, clients, resources } = input;
  const pipeline = createSelfEditPipeline({
    chat: chatFor(config),
    writer: writerFor(config),
    embedder: createHashEmbedder(),
    settings: selfEditSettings(),
    clock: systemClock,
  });
  const worker = composeWorker({
    plugins: [pipeline],
    responder: new DiscordResponder(input.rest, { logger: input.logger }),
    services: input.services,
    persistenceStore: createIdempotencyStore({ client: clients.dynamodb, tableName: resources.tableName }),
    logger: input.logger,
    metrics: input.metrics,
    // Tests shorten the jobs queue's waits; the self-edit queue keeps its own number of tries.
    backoff: visibilityBackoff(clients.sqs, resources.selfEditQueue.url, {
      ...input.retry,
      maxAttempts: SELFEDIT_RETRY_SCHEDULE.maxAttempts,
    }),
    maxAttempts: SELFEDIT_RETRY_SCHEDULE.maxAttempts,
    deadLetter: sqsDeadLetterSink(clients.sqs, {
      deadLetterUrl: resources.selfEditDeadLetterQueue.url,
      sourceQueue: "selfedit",
    }),
    afterEach: input.flush,
  });
  const github = composeGithubWebhook({
    secret: config.selfEdit?.webhookSecret ?? "",
    store: input.services.data.deps.store,
    messages: new DiscordChannelMessages(botRest(input)),
    logger: input.logger,
  });
  return { worker, github };
}

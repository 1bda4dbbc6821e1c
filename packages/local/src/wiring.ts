import type { Logger, WorkerServices } from "@megawatts/core";
import { createDiscordRest, DEFAULT_DISCORD_API_URL, DiscordResponder } from "@megawatts/discord/rest";
import { createServerTools } from "@megawatts/discord/tools";
import { composeIngress } from "@megawatts/lambda/compose-ingress";
import { composeWorker } from "@megawatts/lambda/compose-worker";
import { createHttpHandler } from "@megawatts/lambda/http";
import { createLogger, createMetrics, toCoreLogger, toCoreMetrics } from "@megawatts/lambda/observability";
import { serviceHealthChecks } from "@megawatts/lambda/service-checks";
import { createStorageServices } from "@megawatts/lambda/storage-services";
import { createIdempotencyStore } from "@megawatts/storage/dynamodb";
import { SqsJobQueue, sqsQueueHealthCheck, visibilityBackoff } from "@megawatts/storage/sqs";
import { createLocalClients, type LocalClients, type StandInEndpoints } from "./clients.ts";
import type { LocalConfig } from "./config.ts";
import { localKnowledge } from "./knowledge-wiring.ts";
import { type QueueRunner, startQueueRunner } from "./queue-runner.ts";
import { selfEditQueue, wireSelfEdit } from "./selfedit-wiring.ts";
import { type Provisioned, provisionLocalResources, type ResourceNames } from "./stand-ins/provision.ts";

/** Where the workers send Discord REST calls, decided from the configuration. */
export type DiscordTarget = { kind: "configured" | "discord"; apiUrl: string } | { kind: "sink" };

/**
 * `DISCORD_API_URL` when set, real Discord when a bot token is set, the built-in sink otherwise.
 *
 * @example
 * discordTarget(config) // { kind: "sink" }
 */
export function discordTarget(config: LocalConfig): DiscordTarget {
  if (config.discord.apiUrl) return { kind: "configured", apiUrl: config.discord.apiUrl };
  if (config.discord.botToken) return { kind: "discord", apiUrl: DEFAULT_DISCORD_API_URL };
  return { kind: "sink" };
}

export interface LocalWiringInput {
  config: LocalConfig;
  publicKey: string;
  endpoints: StandInEndpoints;
  names: ResourceNames;
  /** The Discord REST base the workers use (the sink's URL when the target is the sink). */
  discordApiUrl: string;
  sink: boolean;
  /** Visibility backoff after a failed job, in seconds: base × 2^(attempt-1), capped at max. */
  backoff: { baseSeconds: number; maxSeconds: number };
  logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT";
}

function observability(component: string, logLevel: LocalWiringInput["logLevel"]) {
  const logger = createLogger(component);
  if (logLevel) logger.setLogLevel(logLevel);
  const metrics = createMetrics(component);
  // Publishing nothing only earns a warning line per request.
  const flush = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { logger: toCoreLogger(logger), flush, coreMetrics: toCoreMetrics(metrics) };
}

/**
 * The storage services on the stand-ins, built as the Lambda wiring builds them. The hot tier
 * is real Upstash when `UPSTASH_REDIS_REST_URL` is set, else the local bridge in front of
 * redis-server, else an in-process cache.
 *
 * @example
 * const storage = localStorageServices(clients, resources, { config, endpoints }, logger);
 */
export function localStorageServices(
  clients: LocalClients,
  resources: Provisioned,
  input: Pick<LocalWiringInput, "config" | "endpoints">,
  logger: Logger,
) {
  const { upstash } = input.config;
  return createStorageServices({
    ...clients,
    tableName: resources.tableName,
    bucketName: resources.bucketName,
    keyTableName: resources.keyTableName,
    keyArn: input.endpoints.kms.keyArn,
    upstash: upstash ? { url: upstash.url, token: upstash.token ?? "" } : input.endpoints.upstash,
    logger,
  });
}

/** The tool-calling chat for `/do` on OpenAI or any compatible server (`OPENAI_BASE_URL`). */
async function localToolChat(openai: NonNullable<LocalConfig["openai"]>) {
  const { createOpenAiChat, createOpenAiClient } = await import("@megawatts/ai/openai");
  const client = createOpenAiClient({
    apiKey: openai.apiKey ?? "local",
    ...(openai.baseUrl ? { baseURL: openai.baseUrl } : {}),
  });
  return createOpenAiChat({ client });
}

function localServiceChecks(input: LocalWiringInput) {
  const { pineconeApiKey, openai } = input.config;
  return serviceHealthChecks({
    discordApiUrl: input.discordApiUrl,
    pinecone: pineconeApiKey ? { apiKey: pineconeApiKey } : undefined,
    openai: openai
      ? { apiKey: openai.apiKey, baseUrl: openai.baseUrl ?? "https://api.openai.com/v1" }
      : undefined,
  });
}

/**
 * The local runtime's one wiring module: builds SDK clients for the stand-ins, provisions the
 * resources `stacks/` would deploy, and composes the same ingress and worker handlers the
 * Lambdas run, with the local adapters.
 *
 * @example
 * const wiring = await wireLocalBot({ config, publicKey, endpoints, names, discordApiUrl, sink: true, backoff });
 * const response = await wiring.httpHandler(event);
 */
export async function wireLocalBot(input: LocalWiringInput) {
  const clients = createLocalClients(input.endpoints);
  const resources: Provisioned = await provisionLocalResources(clients, input.names);

  const ingress = observability("ingress", input.logLevel);
  const endpoint = composeIngress({
    publicKey: input.publicKey,
    queue: new SqsJobQueue(clients.sqs, resources.jobsQueue.url),
    queues: { selfedit: selfEditQueue(clients, resources, input.config) },
    logger: ingress.logger,
    metrics: ingress.coreMetrics,
  });
  const interactions = createHttpHandler(endpoint, ingress.flush);

  const worker = observability("worker", input.logLevel);
  // The sink models the bot's servers for any bot token; it needs one to know the caller is the bot.
  const botToken = input.config.discord.botToken ?? (input.sink ? "local-sink" : undefined);
  const rest = createDiscordRest({ apiUrl: input.discordApiUrl, ...(botToken ? { token: botToken } : {}) });
  const storage = localStorageServices(clients, resources, input, worker.logger);
  const services: WorkerServices = {
    ...storage,
    healthChecks: [
      sqsQueueHealthCheck(clients.sqs, "jobs queue", resources.jobsQueue.url),
      sqsQueueHealthCheck(clients.sqs, "jobs dead-letter queue", resources.jobsDeadLetterQueue.url),
      ...storage.healthChecks,
      ...localServiceChecks(input),
    ],
    knowledge: localKnowledge(storage, input),
    serverTools: createServerTools({
      rest,
      audit: storage.data.audit,
      cache: storage.cache,
      ...(input.config.openai ? { chat: await localToolChat(input.config.openai) } : {}),
    }),
  };
  const handlers = composeWorker({
    responder: new DiscordResponder(rest, { logger: worker.logger }),
    services,
    persistenceStore: createIdempotencyStore({ client: clients.dynamodb, tableName: resources.tableName }),
    logger: worker.logger,
    metrics: worker.coreMetrics,
    backoff: visibilityBackoff(
      clients.sqs,
      resources.jobsQueue.url,
      input.backoff.baseSeconds,
      input.backoff.maxSeconds,
    ),
    afterEach: worker.flush,
  });
  const selfEdit = wireSelfEdit({
    ...input,
    clients,
    resources,
    services,
    rest,
    ...worker,
    logger: worker.logger,
    metrics: worker.coreMetrics,
  });
  // API Gateway routes POST /github to its own Lambda; locally one server takes both.
  const github = createHttpHandler(selfEdit.github, ingress.flush);
  const httpHandler: typeof interactions = (event) =>
    event.rawPath === "/github" ? github(event) : interactions(event);
  return {
    clients,
    resources,
    services,
    httpHandler,
    worker: handlers,
    selfEdit: selfEdit.worker,
    logger: worker.logger,
  };
}

export type LocalWiring = Awaited<ReturnType<typeof wireLocalBot>>;

/**
 * One queue runner per queue the Lambdas subscribe to: the jobs queue, the FIFO self-edit
 * queue and their dead-letter queues, each calling the same handler as its Lambda.
 *
 * @example
 * const runners = startWorkerRunners(wiring);
 */
export function startWorkerRunners(wiring: LocalWiring): QueueRunner[] {
  const common = { client: wiring.clients.sqs, logger: wiring.logger };
  return [
    startQueueRunner({
      ...common,
      queue: wiring.resources.jobsQueue,
      handler: wiring.worker.jobs,
      functionName: "megawatts-local-jobs",
    }),
    startQueueRunner({
      ...common,
      queue: wiring.resources.jobsDeadLetterQueue,
      handler: wiring.worker.deadLetters,
      functionName: "megawatts-local-dead-letter",
    }),
    startQueueRunner({
      ...common,
      queue: wiring.resources.selfEditQueue,
      handler: wiring.selfEdit.jobs,
      functionName: "megawatts-local-selfedit",
      timeoutMs: 14 * 60_000,
    }),
    startQueueRunner({
      ...common,
      queue: wiring.resources.selfEditDeadLetterQueue,
      handler: wiring.selfEdit.deadLetters,
      functionName: "megawatts-local-selfedit-dead-letter",
    }),
  ];
}

import type { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";
import { createOpenAiChat, createOpenAiClient } from "@megawatts/ai/openai";
import { manifests } from "@megawatts/catalog/manifests";
import { workerPlugins } from "@megawatts/catalog/worker";
import {
  type Breakers,
  breakerHealthCheck,
  type ChannelMessages,
  type Clock,
  checkManifests,
  createJobRegistry,
  documentPluginStates,
  guardedResponder,
  type InteractionResponder,
  type JobKeys,
  type Logger,
  type Metrics,
  type PluginCatalog,
  type PluginPorts,
  pluginCatalog,
  reportDeadJob,
  runJob,
  runTask,
  type Scheduler,
  systemClock,
  type WorkerPlugin,
} from "@megawatts/core";
import { createDiscordRest, DiscordChannelHistory } from "@megawatts/discord/rest";
import { createServerTools } from "@megawatts/discord/tools";
import { sqsQueueHealthCheck } from "@megawatts/storage/sqs";
import type { Deployment, SdkClients } from "../deployment.ts";
import { type Backoff, createJobsHandler, type DeadLetterSink } from "../events/sqs-worker.ts";
import { type ContainerSources, containerMetrics, type Tracing } from "../observability.ts";
import { serviceHealthChecks } from "./health.ts";
import { createKnowledgeServices } from "./knowledge.ts";
import { createStorageServices } from "./storage.ts";

/** The worker's own time limit, less a margin; scheduled tasks stop before it. */
const TASK_TIME_LIMIT_MS = 13 * 60_000;

/** Every installed plugin, and each server's choice of them read from the warm tier. */
export function deploymentCatalog(warm: Pick<PluginPorts["warm"], "documents">): PluginCatalog {
  return pluginCatalog(checkManifests(manifests).sorted, documentPluginStates(warm.documents));
}

export interface WorkerPortsInput {
  deployment: Deployment;
  clients: SdkClients;
  logger: Logger;
  clock?: Clock;
  /** One-shot tasks; absent where the runtime has no scheduler, and plugins that need it refuse to start. */
  scheduler?: Scheduler;
  /** The container's breakers: the hot tier, OpenAI and Pinecone go through them when given. */
  breakers?: Breakers;
}

/**
 * Every port the jobs worker offers plugins, built from where the deployment's resources are:
 * storage on the table, bucket, keys and hot tier; knowledge with channel history through the
 * bot token; a health probe per dependency; the plugin catalog; the scheduler when given.
 *
 * @example
 * const ports = createWorkerPorts({ deployment, clients, logger });
 */
export function createWorkerPorts(input: WorkerPortsInput) {
  const { deployment, clients, logger } = input;
  const clock = input.clock ?? systemClock;
  const { breakers } = input;
  const storage = createStorageServices({
    clients,
    deployment,
    logger,
    clock,
    ...(breakers ? { breakers } : {}),
  });
  const { apiUrl, botToken } = deployment.discord;
  const rest = botToken ? createDiscordRest({ apiUrl, token: botToken }) : undefined;
  const history = rest ? new DiscordChannelHistory(rest) : undefined;
  const knowledge = createKnowledgeServices(storage, {
    ...deployment,
    history,
    logger,
    clock,
    ...(breakers ? { breakers } : {}),
  });
  const { openai, pinecone, vectorDir } = deployment;
  const health = [
    sqsQueueHealthCheck(clients.sqs, "jobs queue", deployment.queues.jobs),
    sqsQueueHealthCheck(clients.sqs, "jobs dead-letter queue", deployment.queues.jobsDeadLetters),
    sqsQueueHealthCheck(clients.sqs, "tasks queue", deployment.queues.tasks),
    ...storage.healthChecks,
    ...serviceHealthChecks({
      discordApiUrl: apiUrl,
      pinecone: pinecone ? { apiKey: pinecone.apiKey, index: pinecone.index } : undefined,
      openai: openai
        ? { apiKey: openai.apiKey, baseUrl: openai.baseURL ?? "https://api.openai.com/v1" }
        : undefined,
      vectorDir,
    }),
    ...(breakers ? [breakerHealthCheck(breakers)] : []),
  ];
  const { data, envelope, subjectKeys, cache } = storage;
  // The tools act through the bot token; `/do` plans with OpenAI's tool calling when configured.
  const chat = openai
    ? createOpenAiChat({
        client: createOpenAiClient({
          ...(openai.apiKey ? { apiKey: openai.apiKey } : {}),
          ...(openai.baseURL ? { baseURL: openai.baseURL } : {}),
        }),
        ...(openai.chatModel ? { model: openai.chatModel } : {}),
      })
    : undefined;
  const serverTools = rest
    ? createServerTools({ rest, audit: data.audit, cache, clock, ...(chat ? { chat } : {}) })
    : undefined;
  return {
    data,
    warm: data,
    envelope,
    subjectKeys,
    cache,
    knowledge,
    health,
    clock,
    plugins: deploymentCatalog(data),
    ...(input.scheduler ? { scheduler: input.scheduler } : {}),
    ...(serverTools ? { serverTools } : {}),
  } satisfies Partial<PluginPorts>;
}

export type WorkerPorts = ReturnType<typeof createWorkerPorts>;

export interface WorkerParts {
  /** The worker plugins whose jobs and tasks this worker runs (default: the catalog's). */
  plugins?: WorkerPlugin[];
  /** What this runtime wires; each plugin receives the ports it names. */
  ports: Partial<PluginPorts> & Pick<PluginPorts, "plugins">;
  responder: InteractionResponder;
  persistenceStore: BasePersistenceLayer;
  logger: Logger;
  metrics: Metrics;
  backoff?: Backoff;
  /** Tries in all before work is dead-lettered. */
  maxAttempts?: number;
  /** Where work that will not succeed is kept, with its reason. */
  deadLetter?: DeadLetterSink;
  /**
   * The container's breakers: replies go through the `discord` one, except the dead-letter
   * notice, which is tried once even while it is open.
   */
  breakers?: Breakers;
  /** How a redriven job whose token died reports (the bot token's channel messages). */
  channelMessages?: ChannelMessages;
  /** The keys of sealed job payloads, in the key table. */
  jobKeys: JobKeys;
  clock?: Clock;
  /** The container's cache, whose hits and misses per level are reported after each batch. */
  cacheStats?: ContainerSources["cacheStats"];
  /** A span per job or task, continuing the trace its message carries. */
  tracing?: Tracing;
  afterEach?: () => void;
}

/**
 * Read-only jobs that only edit their own reply: they run without a claim, which would cost two
 * table writes before the reply and answer nothing a second run would not.
 */
const UNCLAIMED_KINDS = new Set(["system.status", "system.ping"]);

/**
 * Puts the worker together: the job and task tables from the installed plugins (refusing to
 * start when a plugin's needs are not wired) and the queue handler, which keeps what fails
 * every try in the dead-letter queue with its reason and tells the job's user.
 *
 * @example
 * const { jobs } = composeWorker({ ports: createWorkerPorts(input), responder, persistenceStore, logger, metrics, deadLetter });
 */
export function composeWorker(parts: WorkerParts) {
  const clock = parts.clock ?? systemClock;
  const registry = createJobRegistry(parts.plugins ?? workerPlugins, parts.ports);
  const deps = {
    jobs: registry,
    responder: parts.breakers ? guardedResponder(parts.responder, parts.breakers) : parts.responder,
    ...(parts.channelMessages ? { channelMessages: parts.channelMessages } : {}),
    jobKeys: parts.jobKeys,
    pluginStates: { read: (guildId: string) => parts.ports.plugins.state(guildId) },
    logger: parts.logger,
    metrics: parts.metrics,
    clock,
  };
  const report = containerMetrics(parts.metrics, { breakers: parts.breakers, cacheStats: parts.cacheStats });
  const afterEach = () => {
    report();
    parts.afterEach?.();
  };
  return {
    registry,
    jobs: createJobsHandler({
      logger: parts.logger,
      afterEach,
      ...(parts.tracing ? { tracing: parts.tracing } : {}),
      process: (work) =>
        work.type === "task"
          ? runTask({ ...deps, timeLimitMs: TASK_TIME_LIMIT_MS }, work.task)
          : runJob(deps, work.job),
      persistenceStore: parts.persistenceStore,
      unclaimed: UNCLAIMED_KINDS,
      report: (job, note) => reportDeadJob({ ...deps, responder: parts.responder }, job, note.reason),
      ...(parts.backoff ? { backoff: parts.backoff } : {}),
      ...(parts.maxAttempts ? { maxAttempts: parts.maxAttempts } : {}),
      ...(parts.deadLetter ? { deadLetter: parts.deadLetter } : {}),
    }),
  };
}

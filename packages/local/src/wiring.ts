import type { Message } from "@aws-sdk/client-sqs";
import { createHashEmbedder } from "@megawatts/ai/hash-embedder";
import { recurringSchedules } from "@megawatts/catalog/manifests";
import {
  Breakers,
  guardedChat,
  JOBS_MAX_CONCURRENCY,
  type Logger,
  type RetrySchedule,
  SELFEDIT_RETRY_SCHEDULE,
  systemClock,
  TASK_RETRY_SCHEDULE,
} from "@megawatts/core";
import { commandLimitViolations } from "@megawatts/discord/command-limits";
import {
  createDiscordRest,
  createInteractionRest,
  DiscordChannelMessages,
  DiscordResponder,
} from "@megawatts/discord/rest";
import { selfEditSettings } from "@megawatts/plugin-selfedit/config";
import { composeDashboardApi, DISCORD_OAUTH } from "@megawatts/runtime/dashboard-api";
import { composeGithubWebhook } from "@megawatts/runtime/github-webhook";
import { createHttpHandler } from "@megawatts/runtime/http";
import { composeIngress } from "@megawatts/runtime/ingress";
import { createLogger, toCoreLogger } from "@megawatts/runtime/observability";
import { composeSelfEditWorker } from "@megawatts/runtime/selfedit";
import { composeWorker, createWorkerPorts } from "@megawatts/runtime/worker";
import { createIdempotencyStore, DynamoDocumentStore, DynamoJobKeys } from "@megawatts/storage/dynamodb";
import { DynamoPluginStateReader } from "@megawatts/storage/plugin-states";
import { SqsJobQueue, sqsDeadLetterSink, visibilityBackoff } from "@megawatts/storage/sqs";
import { Registry } from "prom-client";
import { createLocalClients, type StandInEndpoints } from "./clients.ts";
import type { LocalConfig } from "./config.ts";
import { localDeployment, selfEditChat, selfEditGroup, selfEditWriter } from "./deployment.ts";
import { interactionIdOf, type JobTracker } from "./job-tracker.ts";
import { prometheusMetrics } from "./observability/prometheus.ts";
import { createTraceRecorder, type TraceRecorder } from "./observability/traces.ts";
import { type QueueRunner, startQueueRunner } from "./queue-runner.ts";
import { LocalScheduler, sqsTaskSender } from "./scheduler/index.ts";
import { type Provisioned, provisionLocalResources, type ResourceNames } from "./stand-ins/provision.ts";

export interface LocalWiringInput {
  config: LocalConfig;
  publicKey: string;
  endpoints: StandInEndpoints;
  names: ResourceNames;
  /** The Discord REST base the workers use (the sink's URL when the target is the sink). */
  discordApiUrl: string;
  sink: boolean;
  /** Tries and jittered backoff of the jobs queue (tasks and self-edits keep their own number of tries). */
  retry: RetrySchedule;
  logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT";
  /** How long the ingress trusts a server's plugin choices (default 15 s, as in Lambda). */
  pluginStateTtlMs?: number;
  /** The dev server's address: the dashboard's OAuth2 redirect comes back to it. */
  publicUrl: string;
  /** How long the dashboard trusts a member's servers and permissions (default a minute, as in Lambda). */
  dashboardAccessTtlMs?: number;
}

/**
 * Discord's OAuth2 for the local dashboard: the sink's authorize page and token endpoint, or
 * Discord's own with `DISCORD_CLIENT_SECRET` when the bot talks to real Discord.
 */
function localOAuth(input: LocalWiringInput) {
  const redirectUri = `${input.publicUrl}/api/auth/callback`;
  const clientId = input.config.discord.applicationId;
  if (!input.sink)
    return { clientId, clientSecret: input.config.discord.clientSecret ?? "", redirectUri, ...DISCORD_OAUTH };
  const origin = new URL(input.discordApiUrl).origin;
  return {
    clientId,
    clientSecret: "local",
    redirectUri,
    authorizeUrl: `${origin}/oauth2/authorize`,
    tokenUrl: `${input.discordApiUrl}/oauth2/token`,
  };
}

/** The Lambdas' loggers; metrics go to one Prometheus registry, served at `GET /metrics`. */
function observability(component: string, logLevel: LocalWiringInput["logLevel"], registry: Registry) {
  const logger = createLogger(component);
  if (logLevel) logger.setLogLevel(logLevel);
  return { logger: toCoreLogger(logger), metrics: prometheusMetrics(registry, component) };
}

/**
 * How one queue's worker retries and keeps what fails: the backoff waits of `input.retry`
 * (tests shorten them), the queue's own number of tries, and its dead-letter queue.
 */
function retriesOn(
  input: LocalWiringInput,
  client: ReturnType<typeof createLocalClients>["sqs"],
  queue: { url: string; deadLetterUrl: string; name: string; maxAttempts: number },
) {
  return {
    backoff: visibilityBackoff(client, queue.url, { ...input.retry, maxAttempts: queue.maxAttempts }),
    maxAttempts: queue.maxAttempts,
    deadLetter: sqsDeadLetterSink(client, { deadLetterUrl: queue.deadLetterUrl, sourceQueue: queue.name }),
  };
}

/**
 * The local runtime's wiring: builds SDK clients for the stand-ins, provisions the resources
 * `stacks/` would deploy, describes where they are, and lets the composition root build the
 * same ingress and workers the Lambdas run.
 *
 * @example
 * const wiring = await wireLocalBot({ config, publicKey, endpoints, names, discordApiUrl, sink: true, backoff });
 * const response = await wiring.httpHandler(event);
 */
export async function wireLocalBot(input: LocalWiringInput) {
  const { config } = input;
  const traces = createTraceRecorder();
  const clients = instrumentClients(createLocalClients(input.endpoints), traces);
  const resources: Provisioned = await provisionLocalResources(clients, input.names);
  const deployment = localDeployment({ ...input, resources });

  const registry = new Registry();
  const ingress = observability("ingress", input.logLevel, registry);
  // The keys of sealed job payloads: written by the ingress, read and deleted by the workers.
  const jobKeys = new DynamoJobKeys(clients.dynamodb, resources.keyTableName);
  // The FIFO self-edit queue: the buttons' jobs from the ingress, Approve and Discard from the dashboard.
  const selfEditQueue = new SqsJobQueue(clients.sqs, resources.selfEditQueue.url, {
    messageGroupId: () => selfEditGroup(config),
    traceHeader: traces.header,
  });
  const endpoint = composeIngress({
    publicKey: input.publicKey,
    queue: new SqsJobQueue(clients.sqs, resources.jobsQueue.url, { traceHeader: traces.header }),
    queues: { selfedit: selfEditQueue },
    pluginStates: new DynamoPluginStateReader(clients.dynamodb, resources.tableName),
    jobKeys,
    ...(input.pluginStateTtlMs !== undefined ? { pluginStateTtlMs: input.pluginStateTtlMs } : {}),
    logger: ingress.logger,
    metrics: ingress.metrics,
    limits: commandLimitViolations,
  });
  const interactions = tracedIngress(createHttpHandler(endpoint), traces);

  const worker = observability("worker", input.logLevel, registry);
  // EventBridge Scheduler's stand-in: schedules kept in the table (so they survive a restart),
  // due tasks sent to the tasks queue, the plugins' recurring tasks run from their expressions.
  const scheduler = new LocalScheduler({
    store: new DynamoDocumentStore({ client: clients.dynamodb, tableName: resources.tableName }),
    send: sqsTaskSender(clients.sqs, resources.tasksQueue.url),
    recurring: recurringSchedules,
    logger: worker.logger,
  });
  // One breaker per outside service, as a worker container has.
  const breakers = new Breakers();
  const services = createWorkerPorts({ deployment, clients, logger: worker.logger, scheduler, breakers });
  const rest = createDiscordRest({ apiUrl: deployment.discord.apiUrl, token: deployment.discord.botToken });
  const common = {
    ports: services,
    cacheStats: services.cache.stats,
    responder: new DiscordResponder(createInteractionRest({ apiUrl: deployment.discord.apiUrl }), {
      logger: worker.logger,
    }),
    persistenceStore: createIdempotencyStore({ client: clients.dynamodb, tableName: resources.tableName }),
    breakers,
    channelMessages: new DiscordChannelMessages(rest),
    tracing: traces,
    jobKeys,
    ...worker,
  };
  const jobs = composeWorker({
    ...common,
    ...retriesOn(input, clients.sqs, {
      url: resources.jobsQueue.url,
      deadLetterUrl: resources.jobsDeadLetterQueue.url,
      name: "jobs",
      maxAttempts: input.retry.maxAttempts,
    }),
  });
  const tasks = composeWorker({
    ...common,
    ...retriesOn(input, clients.sqs, {
      url: resources.tasksQueue.url,
      deadLetterUrl: resources.tasksDeadLetterQueue.url,
      name: "tasks",
      maxAttempts: TASK_RETRY_SCHEDULE.maxAttempts,
    }),
  });
  const selfEdit = composeSelfEditWorker({
    deployment,
    clients,
    pipeline: {
      chat: guardedChatOf(selfEditChat(config), breakers),
      writer: selfEditWriter(config),
      embedder: createHashEmbedder(),
      settings: selfEditSettings(),
      clock: systemClock,
    },
    ...retriesOn(input, clients.sqs, {
      url: resources.selfEditQueue.url,
      deadLetterUrl: resources.selfEditDeadLetterQueue.url,
      name: "selfedit",
      maxAttempts: SELFEDIT_RETRY_SCHEDULE.maxAttempts,
    }),
    tracing: traces,
    ...worker,
  });
  const github = createHttpHandler(
    composeGithubWebhook({
      secret: config.selfEdit?.webhookSecret ?? "",
      store: services.data.deps.store,
      messages: new DiscordChannelMessages(rest),
      logger: worker.logger,
    }),
  );
  const dashboard = composeDashboardApi({
    deployment,
    clients,
    oauth: localOAuth(input),
    selfEditQueue,
    secureCookies: true,
    logger: observability("dashboard", input.logLevel, registry).logger,
    ...(input.dashboardAccessTtlMs !== undefined ? { accessTtlMs: input.dashboardAccessTtlMs } : {}),
  });
  // API Gateway routes POST /github and /api/ to their own Lambdas; locally one server takes all.
  const httpHandler: typeof interactions = (event) => {
    if (event.rawPath === "/github") return github(event);
    if (event.rawPath.startsWith("/api/")) return dashboard(event);
    return interactions(event);
  };
  return {
    clients,
    resources,
    deployment,
    services,
    scheduler,
    httpHandler,
    jobs,
    tasks,
    selfEdit,
    logger: worker.logger,
    /** Every component's metrics, in Prometheus text format. */
    metrics: registry,
    /** Every interaction's spans, from the ingress through the queue into the worker. */
    traces,
  };
}

/** Each SDK client with a span per command it sends. */
function instrumentClients(clients: ReturnType<typeof createLocalClients>, traces: TraceRecorder) {
  for (const client of [clients.dynamodb, clients.sqs, clients.s3, clients.kms]) traces.instrument(client);
  return clients;
}

/**
 * The ingress in a span of its own, as Lambda's active tracing gives it; the trace header
 * goes back in the response, so the simulator can show the interaction's trace.
 */
function tracedIngress(handler: ReturnType<typeof createHttpHandler>, traces: TraceRecorder) {
  return (event: Parameters<typeof handler>[0]) =>
    traces.span("ingress POST /interactions", async () => {
      const result = await handler(event);
      const header = traces.header();
      return header ? { ...result, headers: { ...result.headers, "x-amzn-trace-id": header } } : result;
    });
}

/** The self-edit model behind the container's `openai` breaker, when one is configured. */
function guardedChatOf(chat: ReturnType<typeof selfEditChat>, breakers: Breakers) {
  return chat ? guardedChat(chat, breakers) : chat;
}

export type LocalWiring = Awaited<ReturnType<typeof wireLocalBot>>;

/**
 * One queue runner per queue the Lambdas subscribe to: jobs, tasks and the FIFO self-edit
 * queue, each calling the same handler as its Lambda. Nothing consumes the dead-letter queues:
 * what lands there stays until `npm run dlq` redrives or purges it. A `tracker` learns what
 * became of each interaction's job, for the simulator.
 *
 * @example
 * const runners = startWorkerRunners(wiring);
 */
export function startWorkerRunners(
  wiring: LocalWiring,
  logger: Logger = wiring.logger,
  tracker?: JobTracker,
): QueueRunner[] {
  const { resources } = wiring;
  const common = { client: wiring.clients.sqs, logger };
  const runner = (
    queue: Provisioned["jobsQueue"],
    handler: QueueRunnerHandler,
    name: string,
    {
      timeoutMs,
      pollers,
      maxConcurrency,
    }: { timeoutMs?: number; pollers?: number; maxConcurrency?: number } = {},
  ) =>
    startQueueRunner({
      ...common,
      queue,
      handler,
      functionName: `megawatts-local-${name}`,
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(pollers ? { pollers } : {}),
      ...(maxConcurrency ? { maxConcurrency } : {}),
      onSettled({ handled, failed }) {
        const ids = (messages: Message[]) =>
          messages.flatMap((message) => interactionIdOf(message.Body) ?? []);
        const deadLetters = name.endsWith("dead-letter");
        tracker?.settle(ids(handled), deadLetters ? "dead-lettered" : "done");
        if (!deadLetters) tracker?.settle(ids(failed), "retrying");
      },
    });
  return [
    // Jobs are what users wait for: five polls at once, as Lambda starts for a queue, and as
    // many batches at once as the jobs worker's maximum concurrency.
    runner(resources.jobsQueue, wiring.jobs.jobs, "jobs", {
      pollers: 5,
      maxConcurrency: JOBS_MAX_CONCURRENCY,
    }),
    runner(resources.tasksQueue, wiring.tasks.jobs, "tasks", { timeoutMs: 15 * 60_000 }),
    runner(resources.selfEditQueue, wiring.selfEdit.jobs, "selfedit", { timeoutMs: 14 * 60_000 }),
  ];
}

type QueueRunnerHandler = Parameters<typeof startQueueRunner>[0]["handler"];

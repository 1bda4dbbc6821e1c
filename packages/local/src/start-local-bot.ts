import type { StandInEndpoints } from "./clients.ts";
import { type LocalConfig, parseLocalConfig } from "./config.ts";
import { loadOrCreateDevKeys } from "./dev-keys.ts";
import { type ApiGatewayHandler, startDevServer } from "./dev-server.ts";
import { type DiscordSink, startDiscordSink } from "./discord-sink.ts";
import { type QueueRunner, startQueueRunner } from "./queue-runner.ts";
import { type Provisioned, resourceNames } from "./stand-ins/provision.ts";
import { startStandIns } from "./stand-ins/start-stand-ins.ts";
import { type DiscordTarget, discordTarget, type LocalWiring, wireLocalBot } from "./wiring.ts";

export interface LocalBotOptions {
  /** Configuration source (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Overrides `PORT`; 0 picks a free port. */
  port?: number;
  /** Overrides `MEGAWATTS_DATA_DIR`. */
  dataDir?: string;
  /** Use stand-ins that already run (tests share one set); otherwise they are started. */
  standIns?: StandInEndpoints;
  /** Keep DynamoDB in memory and S3 in a temporary directory (only when starting stand-ins). */
  inMemory?: boolean;
  /** Prefix of every local resource name, so bots sharing stand-ins stay apart. */
  resourcePrefix?: string;
  /** Visibility backoff after a failed job (default 1 s doubling up to 8 s). */
  backoff?: { baseSeconds: number; maxSeconds: number };
  logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT";
}

export interface LocalBot {
  /** The dev server, e.g. `http://127.0.0.1:8787`; interactions go to `${url}/interactions`. */
  url: string;
  port: number;
  dataDir: string;
  /** The key interactions are verified with. */
  publicKey: string;
  /** The dev private key (64 hex) when the bot made or reused one; absent with DISCORD_PUBLIC_KEY. */
  privateKey?: string;
  discord: DiscordTarget & { apiUrl: string };
  /** The in-process Discord REST stand-in, when Discord REST is not configured. */
  sink?: DiscordSink;
  resources: Provisioned;
  config: LocalConfig;
  stop(): Promise<void>;
}

const unavailable: ApiGatewayHandler = async () => ({
  statusCode: 503,
  headers: { "content-type": "application/json", "retry-after": "1" },
  body: JSON.stringify({ error: "the local bot is still starting" }),
});

async function resolveKeys(config: LocalConfig) {
  if (config.discord.publicKey) return { publicKey: config.discord.publicKey };
  const { publicKey, privateKey } = await loadOrCreateDevKeys(config.dataDir);
  return { publicKey, privateKey };
}

/**
 * Brings the whole bot up on this machine: stand-ins for DynamoDB, SQS and S3, the Discord
 * REST sink (unless Discord REST is configured), the same ingress and worker handlers the
 * Lambdas run, a queue runner per queue, and the dev server. `stop()` ends all of it.
 *
 * @example
 * const bot = await startLocalBot({ port: 0, inMemory: true });
 * await fetch(`${bot.url}/interactions`, { method: "POST", body, headers: signer.headers(body) });
 * await bot.stop();
 */
export async function startLocalBot(options: LocalBotOptions = {}): Promise<LocalBot> {
  const base = parseLocalConfig(options.env ?? process.env);
  const config: LocalConfig = {
    ...base,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
  };
  const keys = await resolveKeys(config);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => {});
  };
  let handler = unavailable;
  let state: Record<string, unknown> = { ready: false };
  try {
    const server = await startDevServer({
      port: config.port,
      handler: (event) => handler(event),
      health: () => ({ ready: false, ...state }),
    });
    stops.push(() => server.close());
    const target = discordTarget(config);
    const [standIns, sink] = await Promise.all([
      options.standIns
        ? { endpoints: options.standIns, close: async () => {} }
        : startStandIns(options.inMemory ? {} : { dataDir: config.dataDir }),
      target.kind === "sink" ? startDiscordSink() : undefined,
    ]);
    stops.push(() => standIns.close());
    if (sink) stops.push(() => sink.close());
    const discordApiUrl = target.kind === "sink" && sink ? sink.url : (target as { apiUrl: string }).apiUrl;

    const wiring = await wireLocalBot({
      config,
      publicKey: keys.publicKey,
      endpoints: standIns.endpoints,
      names: resourceNames(options.resourcePrefix),
      discordApiUrl,
      sink: Boolean(sink),
      backoff: options.backoff ?? { baseSeconds: 1, maxSeconds: 8 },
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    });
    stops.push(async () => wiring.clients.destroy());
    const runners = startRunners(wiring);
    stops.push(async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
    });
    await Promise.all(runners.map((runner) => runner.ready));

    handler = wiring.httpHandler;
    const discord = { ...target, apiUrl: discordApiUrl };
    state = {
      ready: true,
      applicationId: config.discord.applicationId,
      discord,
      standIns: standIns.endpoints,
      queues: ["jobs", "dead-letter"],
    };
    const bot: LocalBot = {
      url: server.url,
      port: server.port,
      dataDir: config.dataDir,
      publicKey: keys.publicKey,
      ...(keys.privateKey ? { privateKey: keys.privateKey } : {}),
      discord,
      ...(sink ? { sink } : {}),
      resources: wiring.resources,
      config,
      stop: async () => {
        state = { ready: false, stopping: true };
        handler = unavailable;
        await stop();
      },
    };
    return bot;
  } catch (error) {
    await stop();
    throw error;
  }
}

function startRunners(wiring: LocalWiring): QueueRunner[] {
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
  ];
}

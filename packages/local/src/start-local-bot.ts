import {
  checkDependencies,
  type DependencyState,
  type HealthCheck,
  JOB_RETRY_SCHEDULE,
  type RetrySchedule,
} from "@megawatts/core";
import { ensureDashboardBuilt } from "@megawatts/dashboard/build";
import type { WorkerPorts } from "@megawatts/runtime/worker";
import type { StandInEndpoints } from "./clients.ts";
import { type LocalConfig, parseLocalConfig } from "./config.ts";
import { dashboardAssets } from "./dashboard/assets.ts";
import { type DiscordTarget, discordTarget } from "./deployment.ts";
import { loadOrCreateDevKeys } from "./dev-keys.ts";
import { type ApiGatewayHandler, startDevServer } from "./dev-server.ts";
import { type DiscordSink, startDiscordSink } from "./discord-sink.ts";
import { loadChannelHistory } from "./discord-sink-history.ts";
import { JobTracker } from "./job-tracker.ts";
import type { LocalScheduler } from "./scheduler/index.ts";
import { loadGuildFixture, sinkGuildOptions } from "./sink/guild/index.ts";
import { type Provisioned, resourceNames } from "./stand-ins/provision.ts";
import { writeRunningStandIns } from "./stand-ins/running-stand-ins.ts";
import { startStandIns } from "./stand-ins/start-stand-ins.ts";
import { startWorkerRunners, wireLocalBot } from "./wiring.ts";

export interface LocalBotOptions {
  /** Configuration source (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Overrides `PORT`; 0 picks a free port. */
  port?: number;
  /** Overrides `MEGAWATTS_DATA_DIR`. */
  dataDir?: string;
  /** Use stand-ins that already run (tests share one set; `npm run dev` keeps them across reloads); otherwise they are started. */
  standIns?: StandInEndpoints;
  /** Use a Discord sink that already runs (its REST base) instead of starting one. */
  sinkUrl?: string;
  /** Keep DynamoDB in memory and S3 in a temporary directory (only when starting stand-ins). */
  inMemory?: boolean;
  /** Prefix of every local resource name, so bots sharing stand-ins stay apart. */
  resourcePrefix?: string;
  /** Tries and backoff of the jobs queue (default the deployed schedule, `JOB_RETRY_SCHEDULE`). */
  retry?: RetrySchedule;
  /** How often the local scheduler looks for due tasks (default 1 s); 0 leaves it stopped (tests drive `scheduler.tick()`). */
  schedulerIntervalMs?: number;
  /** How long the ingress trusts a server's plugin choices (default 15 s, as in Lambda). */
  pluginStateTtlMs?: number;
  logLevel?: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT";
  /** How long the dashboard trusts a member's servers and permissions (default a minute). */
  dashboardAccessTtlMs?: number;
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
  /** The stand-ins the bot uses (its own, or those it was given). */
  standIns: StandInEndpoints;
  /** The ports the bot's plugins get: data layer, envelope, subject keys, hot tier, knowledge, checks, catalog, scheduler. */
  services: WorkerPorts;
  /** EventBridge Scheduler's local stand-in. */
  scheduler: LocalScheduler;
  config: LocalConfig;
  stop(): Promise<void>;
}

const unavailable: ApiGatewayHandler = async () => ({
  statusCode: 503,
  headers: { "content-type": "application/json", "retry-after": "1" },
  body: JSON.stringify({ error: "the local bot is not ready" }),
});

// The stand-ins themselves: queues, table, bucket, keys and the hot tier (not Discord or models).
const STAND_IN_KINDS = new Set(["queue", "table", "bucket", "keys", "cache"]);

/** Probes each stand-in (1 s each, at most once a second however often /health is asked). */
function standInProbe(checks: readonly HealthCheck[]) {
  const standIns = checks.filter((check) => STAND_IN_KINDS.has(check.kind));
  let last: { at: number; result: Promise<Record<string, DependencyState>> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > 1_000) {
      const result = checkDependencies(standIns, { timeoutMs: 1_000, slowMs: 1_000 }).then((statuses) =>
        Object.fromEntries(statuses.map((status) => [status.name, status.state])),
      );
      last = { at: Date.now(), result };
    }
    return last.result;
  };
}

/** What has been started so far, so a failed start or a stop can undo it in reverse. */
class Startup {
  readonly #undo: (() => Promise<void>)[] = [];
  handler: ApiGatewayHandler = unavailable;
  state: Record<string, unknown> = { ready: false };
  stoppedStandIns: () => string[] = () => [];
  metrics = async () => ({ contentType: "text/plain; version=0.0.4", text: "" });
  traceSpans: (traceId: string) => unknown[] = () => [];
  /** Probes each stand-in once the bot is up; a stand-in that stops and returns is seen both times. */
  probe: (() => Promise<Record<string, DependencyState>>) | undefined;

  onStop(step: () => Promise<unknown>) {
    this.#undo.push(async () => {
      await step();
    });
  }

  async health() {
    const stopped = this.stoppedStandIns();
    if (stopped.length > 0) return { ...this.state, ready: false, starting: false, stopped };
    if (!this.probe || this.state.ready !== true) return { ready: false, ...this.state };
    const dependencies = await this.probe();
    const down = Object.entries(dependencies)
      .filter(([, state]) => state === "down")
      .map(([name]) => name);
    return {
      ...this.state,
      ready: down.length === 0,
      starting: false,
      dependencies,
      ...(down.length ? { down } : {}),
    };
  }

  async stopAll() {
    this.state = { ready: false, stopping: true };
    this.handler = unavailable;
    for (const step of this.#undo.splice(0).reverse()) await step().catch(() => {});
  }
}

function resolveConfig(options: LocalBotOptions): LocalConfig {
  const config = parseLocalConfig(options.env ?? process.env);
  return {
    ...config,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
  };
}

async function resolveKeys(config: LocalConfig) {
  if (config.discord.publicKey) return { publicKey: config.discord.publicKey };
  const { publicKey, privateKey } = await loadOrCreateDevKeys(config.dataDir);
  return { publicKey, privateKey };
}

async function startServices(options: LocalBotOptions, config: LocalConfig, startup: Startup) {
  const target = discordTarget(config);
  // Real Upstash, when configured, replaces redis-server and the bridge.
  const redis = !config.upstash;
  const [standIns, sink] = await Promise.all([
    options.standIns
      ? { endpoints: options.standIns, stopped: () => [], close: async () => {} }
      : startStandIns(options.inMemory ? { redis } : { dataDir: config.dataDir, redis }),
    target.kind === "sink" && !options.sinkUrl
      ? Promise.all([loadChannelHistory(config.sinkFixture), loadGuildFixture(config.sinkGuild)]).then(
          ([history, guild]) => startDiscordSink({ history, guilds: [guild], ...sinkGuildOptions(config) }),
        )
      : undefined,
  ]);
  startup.onStop(() => standIns.close());
  if (sink) startup.onStop(() => sink.close());
  startup.stoppedStandIns = standIns.stopped;
  const apiUrl = target.kind === "sink" ? (sink?.url ?? options.sinkUrl ?? "") : target.apiUrl;
  return { standIns, sink, discord: { ...target, apiUrl } };
}

/**
 * Brings the whole bot up on this machine: stand-ins for DynamoDB, SQS, S3, KMS and (when
 * installed) Redis behind the Upstash bridge, the Discord
 * REST sink (unless Discord REST is configured), the same ingress and worker handlers the
 * Lambdas run, a queue runner per queue, and the dev server. `stop()` ends all of it.
 *
 * @example
 * const bot = await startLocalBot({ port: 0, inMemory: true });
 * await fetch(`${bot.url}/interactions`, { method: "POST", body, headers: signer.headers(body) });
 * await bot.stop();
 */
export async function startLocalBot(options: LocalBotOptions = {}): Promise<LocalBot> {
  const config = resolveConfig(options);
  const keys = await resolveKeys(config);
  const startup = new Startup();
  try {
    const jobs = new JobTracker();
    const server = await startDevServer({
      assets: dashboardAssets(await ensureDashboardBuilt()),
      port: config.port,
      handler: (event) => startup.handler(event),
      health: () => startup.health(),
      jobState: (id) => jobs.state(id),
      metrics: () => startup.metrics(),
      traceSpans: (traceId) => startup.traceSpans(traceId),
    });
    startup.onStop(() => server.close());
    const { standIns, sink, discord } = await startServices(options, config, startup);
    const wiring = await wireLocalBot({
      config,
      publicKey: keys.publicKey,
      endpoints: standIns.endpoints,
      names: resourceNames(options.resourcePrefix),
      discordApiUrl: discord.apiUrl,
      sink: discord.kind === "sink",
      retry: options.retry ?? JOB_RETRY_SCHEDULE,
      publicUrl: server.url,
      ...(options.dashboardAccessTtlMs !== undefined
        ? { dashboardAccessTtlMs: options.dashboardAccessTtlMs }
        : {}),
      ...(options.pluginStateTtlMs !== undefined ? { pluginStateTtlMs: options.pluginStateTtlMs } : {}),
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    });
    startup.onStop(async () => wiring.clients.destroy());
    startup.onStop(async () => wiring.traces.close());
    const runners = startWorkerRunners(wiring, wiring.logger, jobs);
    startup.onStop(() => Promise.all(runners.map((runner) => runner.stop())));
    await Promise.all(runners.map((runner) => runner.ready));
    const interval = options.schedulerIntervalMs ?? 1_000;
    if (interval > 0) {
      const loop = wiring.scheduler.start(interval);
      startup.onStop(() => loop.stop());
    }

    // Tools such as the privacy CLI find the stand-ins of a bot that owns its data dir here.
    if (!options.standIns && !options.inMemory) {
      const running = { pid: process.pid, endpoints: standIns.endpoints, resources: wiring.resources };
      startup.onStop(await writeRunningStandIns(config.dataDir, running));
    }
    startup.handler = wiring.httpHandler;
    startup.traceSpans = (traceId) => wiring.traces.spans(traceId);
    startup.metrics = async () => ({
      contentType: wiring.metrics.contentType,
      text: await wiring.metrics.metrics(),
    });
    startup.probe = standInProbe(wiring.services.health);
    const { applicationId } = config.discord;
    const { upstash, ...endpoints } = standIns.endpoints;
    const hot = upstash ? { upstash: upstash.url } : {};
    startup.state = { ready: true, applicationId, discord, standIns: { ...endpoints, ...hot } };
    return {
      url: server.url,
      port: server.port,
      dataDir: config.dataDir,
      publicKey: keys.publicKey,
      ...(keys.privateKey ? { privateKey: keys.privateKey } : {}),
      discord,
      ...(sink ? { sink } : {}),
      resources: wiring.resources,
      standIns: standIns.endpoints,
      services: wiring.services,
      scheduler: wiring.scheduler,
      config,
      stop: () => startup.stopAll(),
    };
  } catch (error) {
    await startup.stopAll();
    throw error;
  }
}

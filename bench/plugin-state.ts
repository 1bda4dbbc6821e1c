import { ingressPlugins } from "@megawatts/catalog/ingress";
import {
  createCommandRegistry,
  handleInteraction,
  type IngressPlugin,
  noopMetrics,
  silentLogger,
  systemClock,
} from "@megawatts/core";
import { commandLimitViolations } from "@megawatts/discord/command-limits";
import { createInteractionsEndpoint } from "@megawatts/discord/http";
import { createVerifier } from "@megawatts/discord/verify";
import { createHttpHandler } from "@megawatts/runtime/http";
import { composeIngress } from "@megawatts/runtime/ingress";
import { DynamoPluginStateReader } from "@megawatts/storage/plugin-states";
import { InMemoryJobKeys } from "@megawatts/testing/crypto-fakes";
import { RecordingQueue } from "@megawatts/testing/fakes";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { apiGatewayEvent } from "./lib/api-gateway.ts";
import { startDataStandIns } from "./lib/data-stand-ins.ts";
import { guildCommandInteraction, snowflake } from "./lib/interactions.ts";
import type { Section } from "./lib/section.ts";
import { benchSigningKey, signInteraction } from "./lib/signing.ts";
import { type Summary, summarize } from "./lib/stats.ts";

const WARMUP = 300;
const ITERATIONS = 2_000;

type Handler = (
  event: APIGatewayProxyEventV2,
) => Promise<{ statusCode?: number | undefined; body?: string | undefined }>;

/** `/search` (the knowledge plugin: not core, so its server's choice is read) deferred to an in-memory queue. */
function searchEvent(key: ReturnType<typeof benchSigningKey>, guildId?: string) {
  const interaction = guildCommandInteraction("search");
  const payload = {
    ...interaction,
    data: { ...interaction.data, options: [{ type: 3, name: "query", value: "backup" }] },
    ...(guildId ? { guild_id: guildId } : {}),
  };
  const { body, headers } = signInteraction(key, payload);
  return apiGatewayEvent({ method: "POST", path: "/interactions", headers, body });
}

/**
 * The same ingress before plugins had per-server state: the plugin marked core and asking
 * for no bot permission, so neither the state read nor the permission check runs.
 */
function withoutChecks(publicKeyHex: string, queue: RecordingQueue): Handler {
  const plugins: IngressPlugin[] = ingressPlugins.map((plugin) => ({
    ...plugin,
    manifest: { ...plugin.manifest, core: true, permissions: [] },
  }));
  const deps = {
    registry: createCommandRegistry(plugins, { limits: commandLimitViolations }),
    queue,
    jobKeys: new InMemoryJobKeys(),
    pluginStates: { read: async () => ({ overrides: {}, history: [] }) },
    missingPermissions: () => [],
    logger: silentLogger,
    metrics: noopMetrics,
    clock: systemClock,
  };
  return createHttpHandler(
    createInteractionsEndpoint({
      verifySignature: createVerifier(publicKeyHex),
      handle: (interaction, startedAt) => handleInteraction(deps, interaction, startedAt),
      logger: silentLogger,
      metrics: noopMetrics,
      clock: systemClock,
    }),
  );
}

async function time(handler: Handler, event: () => APIGatewayProxyEventV2): Promise<number> {
  const prepared = event();
  const started = performance.now();
  const response = await handler(prepared);
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200 || !response.body?.includes('"type":5'))
    throw new Error(`expected a deferral, got ${response.statusCode} ${response.body}`);
  return elapsed;
}

export const pluginState: Section = {
  id: "plugin-state",
  title: `Ingress with per-server plugin state (/search deferred, API Gateway v2 event → response, ${ITERATIONS} runs)`,
  async run() {
    const key = benchSigningKey();
    const stand = await startDataStandIns("plugin-state");
    try {
      const queue = new RecordingQueue();
      const reader = new DynamoPluginStateReader(stand.clients.dynamodb, stand.resources.tableName);
      const shipped = createHttpHandler(
        composeIngress({
          publicKey: key.publicKeyHex,
          queue,
          jobKeys: new InMemoryJobKeys(),
          pluginStates: reader,
          logger: silentLogger,
          metrics: noopMetrics,
        }),
      );
      const before = withoutChecks(key.publicKeyHex, queue);
      const samples = { before: [] as number[], cached: [] as number[], miss: [] as number[] };
      for (let i = 0; i < WARMUP + ITERATIONS; i++) {
        const b = await time(before, () => searchEvent(key));
        const c = await time(shipped, () => searchEvent(key));
        // A server this container has not seen: one GetItem on DynamoDB Local.
        const m = await time(shipped, () => searchEvent(key, snowflake()));
        queue.jobs.length = 0;
        if (i < WARMUP) continue;
        samples.before.push(b);
        samples.cached.push(c);
        samples.miss.push(m);
      }
      const [before_, cached, miss] = [samples.before, samples.cached, samples.miss].map(summarize) as [
        Summary,
        Summary,
        Summary,
      ];
      const row = (name: string, measured: Summary, stat: "p50" | "p99") => ({
        name: `${name} ${stat}`,
        unit: "µs",
        measured: measured[stat] * 1000,
        baseline: before_[stat] * 1000,
        digits: 0,
      });
      return {
        figures: [
          row("state cached (warm container)", cached, "p50"),
          row("state cached (warm container)", cached, "p99"),
          row("state read (server not cached)", miss, "p50"),
          row("state read (server not cached)", miss, "p99"),
        ],
        notes: [
          "baseline: the same command through the same ingress with the plugin-state and permission checks skipped (as before per-server plugins)",
          "a server's state is cached per container for 15 s; a miss is one GetItem (here on DynamoDB Local, on this machine)",
        ],
      };
    } finally {
      await stand.close();
    }
  },
};

import { EMPTY_PLUGIN_STATE, type Metrics, noopMetrics, silentLogger } from "@megawatts/core";
import { createTraceRecorder } from "@megawatts/local";
import { createHttpHandler } from "@megawatts/runtime/http";
import { composeIngress } from "@megawatts/runtime/ingress";
import { lambdaIngressMetrics } from "@megawatts/runtime/lambda-ingress";
import { InMemoryJobKeys } from "@megawatts/testing/crypto-fakes";
import { RecordingQueue } from "@megawatts/testing/fakes";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { apiGatewayEvent } from "./lib/api-gateway.ts";
import { guildCommandInteraction } from "./lib/interactions.ts";
import type { Section } from "./lib/section.ts";
import { benchSigningKey, signInteraction } from "./lib/signing.ts";
import { summarize } from "./lib/stats.ts";

const WARMUP = 1_000;
const ITERATIONS = 5_000;

type Handler = (
  event: APIGatewayProxyEventV2,
) => Promise<{ statusCode?: number | undefined; body?: string | undefined }>;

/** Powertools' EMF metrics as the ingress ships them (functions/http/interactions.ts). */
const shippedMetrics = () => lambdaIngressMetrics(silentLogger);

/**
 * Runs `work` with this process's stdout and stderr writes discarded: the EMF lines are still
 * built and written, as in Lambda, but not onto the bench's table.
 */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const { stdout, stderr } = process;
  const writes = [stdout.write, stderr.write];
  const discard = (() => true) as typeof stdout.write;
  stdout.write = discard;
  stderr.write = discard;
  try {
    return await work();
  } finally {
    [stdout.write, stderr.write] = writes as [typeof stdout.write, typeof stderr.write];
  }
}

function ingress(publicKey: string, metrics: Metrics, queue: RecordingQueue) {
  return composeIngress({
    publicKey,
    queue,
    pluginStates: { read: async () => EMPTY_PLUGIN_STATE },
    jobKeys: new InMemoryJobKeys(),
    logger: silentLogger,
    metrics,
  });
}

export const observabilityOverhead: Section = {
  id: "observability",
  title: `Tracing and metrics overhead on the ingress (/status deferred, ${ITERATIONS} runs after ${WARMUP} warm-up)`,
  async run() {
    const key = benchSigningKey();
    const queue = new RecordingQueue();
    const bare = createHttpHandler(ingress(key.publicKeyHex, noopMetrics, queue));
    const shipped = shippedMetrics();
    const measured = createHttpHandler(ingress(key.publicKeyHex, shipped.metrics, queue), {
      end: shipped.flush,
    });
    const recorder = createTraceRecorder({ maxTraces: 100 });
    const spanned: Handler = (event) => recorder.span("ingress POST /interactions", () => measured(event));
    const handlers = { bare, measured, spanned } satisfies Record<string, Handler>;
    const samples: Record<keyof typeof handlers, number[]> = { bare: [], measured: [], spanned: [] };

    // Interleaved call by call, the order rotating, so each handler sees the same machine state.
    const names = Object.keys(handlers) as (keyof typeof handlers)[];
    await quietly(async () => {
      for (let i = 0; i < WARMUP + ITERATIONS; i++) {
        for (let turn = 0; turn < names.length; turn++) {
          const name = names[(i + turn) % names.length] as keyof typeof handlers;
          const { body, headers } = signInteraction(key, guildCommandInteraction("status"));
          const event = apiGatewayEvent({ method: "POST", path: "/interactions", headers, body });
          const started = performance.now();
          const response = await handlers[name](event);
          const elapsed = performance.now() - started;
          if (i === 0 && !response.body?.includes('"type":5'))
            throw new Error(`${name}: /status was not deferred: ${response.statusCode} ${response.body}`);
          if (i >= WARMUP) samples[name].push(elapsed);
        }
        queue.jobs.length = 0;
      }
    });
    recorder.close();

    const baseline = summarize(samples.bare);
    const figure = (label: string, name: keyof typeof handlers) => {
      const summary = summarize(samples[name]);
      return (["p50", "p99"] as const).map((stat) => ({
        name: `${label} ${stat}`,
        unit: "µs",
        measured: summary[stat] * 1000,
        baseline: baseline[stat] * 1000,
        digits: 0,
      }));
    };
    return {
      figures: [
        ...figure("with metrics, as shipped (EMF + command.used)", "measured"),
        ...figure("with metrics and an in-process span (OpenTelemetry)", "spanned"),
      ],
      notes: [
        "baseline: the same ingress without metrics (no-op port, nothing flushed) and without a span",
        "as shipped, the ingress traces nothing in process: Lambda active tracing records its segment and",
        "each job's message carries its trace header; the span row shows what tracing in process would add",
      ],
    };
  },
};

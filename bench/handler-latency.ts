import { EMPTY_PLUGIN_STATE, noopMetrics, silentLogger } from "@megawatts/core";
import { createHttpHandler } from "@megawatts/runtime/http";
import { composeIngress } from "@megawatts/runtime/ingress";
import { InMemoryJobKeys } from "@megawatts/testing/crypto-fakes";
import { RecordingQueue } from "@megawatts/testing/fakes";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { apiGatewayEvent } from "./lib/api-gateway.ts";
import { guildCommandInteraction, pingInteraction } from "./lib/interactions.ts";
import { createPong } from "./lib/pong.ts";
import type { Section } from "./lib/section.ts";
import { benchSigningKey, signInteraction } from "./lib/signing.ts";
import { type Summary, summarize } from "./lib/stats.ts";

const WARMUP = 1_000;
const ITERATIONS = 5_000;

type Handler = (event: APIGatewayProxyEventV2) => Promise<Reply>;
type Reply = { statusCode?: number | undefined; body?: string | undefined };

interface Case {
  name: string;
  payload: () => unknown;
  /** The response type the project must answer with; anything else means the bench is broken. */
  expectedType: number;
}

const CASES: Case[] = [
  { name: "PING", payload: pingInteraction, expectedType: 1 },
  { name: "/status (deferred, enqueued)", payload: () => guildCommandInteraction("status"), expectedType: 5 },
];

function check(name: string, response: Reply, expectedType: number) {
  const type =
    response.statusCode === 200 ? (JSON.parse(response.body ?? "{}") as { type?: number }).type : null;
  if (type !== expectedType) {
    throw new Error(
      `${name}: expected response type ${expectedType}, got ${response.statusCode} ${response.body}`,
    );
  }
}

/**
 * Times `handler` over freshly signed events, interleaving it with `baseline` call by call so
 * both see the same machine state. Signing and event building happen outside the timed span.
 */
async function measure(handler: Handler, baseline: Handler, testCase: Case, afterEach: () => void) {
  const key = benchSigningKey();
  const event = () => {
    const { body, headers } = signInteraction(key, testCase.payload());
    return apiGatewayEvent({ method: "POST", path: "/interactions", headers, body });
  };
  const project: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const projectEvent = event();
    const baselineEvent = event();
    let started = performance.now();
    const response = await handler(projectEvent);
    const projectMs = performance.now() - started;
    started = performance.now();
    const baselineResponse = await baseline(baselineEvent);
    const baselineMs = performance.now() - started;
    afterEach();
    if (i === 0) {
      check(testCase.name, response, testCase.expectedType);
      check(`${testCase.name} (baseline)`, baselineResponse, 1);
    }
    if (i >= WARMUP) {
      project.push(projectMs);
      bare.push(baselineMs);
    }
  }
  return { project: summarize(project), baseline: summarize(bare) };
}

function figures(name: string, project: Summary, baseline: Summary) {
  return (["p50", "p99"] as const).map((stat) => ({
    name: `${name} ${stat}`,
    unit: "µs",
    measured: project[stat] * 1000,
    baseline: baseline[stat] * 1000,
    digits: 0,
  }));
}

export const handlerLatency: Section = {
  id: "latency",
  title: `2. Warm handler latency in process (API Gateway v2 event → response, ${ITERATIONS} runs after ${WARMUP} warm-up)`,
  async run() {
    const { publicKeyHex } = benchSigningKey();
    const queue = new RecordingQueue();
    const endpoint = composeIngress({
      publicKey: publicKeyHex,
      queue,
      jobKeys: new InMemoryJobKeys(),
      pluginStates: { read: async () => EMPTY_PLUGIN_STATE },
      logger: silentLogger,
      metrics: noopMetrics,
    });
    const handler = createHttpHandler(endpoint);
    const pong = createPong(publicKeyHex);
    const baseline: Handler = async (event) => {
      const body = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
      return pong(
        event.headers["x-signature-ed25519"] ?? "",
        event.headers["x-signature-timestamp"] ?? "",
        body,
      );
    };

    const results = [];
    const p50s: number[] = [];
    let enqueued = 0;
    for (const testCase of CASES) {
      const result = await measure(handler, baseline, testCase, () => {
        enqueued += queue.jobs.length;
        queue.jobs.length = 0;
      });
      results.push(...figures(testCase.name, result.project, result.baseline));
      p50s.push(result.project.p50 * 1000);
    }
    const [ping = 0, deferred = 0] = p50s;
    return {
      figures: [
        ...results,
        {
          name: "/status ack p50 (baseline: PING p50; target 1.3× it)",
          unit: "µs",
          measured: deferred,
          baseline: ping,
          target: { atMost: 1.3 * ping },
          digits: 0,
        },
      ],
      notes: [
        "baseline: the same signed event through a bare function (KeyObject verify, PONG)",
        `jobs enqueued to the in-memory queue: ${enqueued.toLocaleString("en-US")}`,
      ],
    };
  },
};

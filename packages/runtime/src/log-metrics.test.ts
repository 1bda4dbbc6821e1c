import { silentLogger } from "@megawatts/core";
import { createSigner, pingInteraction } from "@megawatts/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ingressEndpoint } from "./compose/ingress-endpoint.ts";
import { lambdaIngressMetrics } from "./compose/lambda-ingress.ts";
import { filterPattern, metricsFromLogLines } from "./log-metrics.ts";
import type { FlushableMetrics } from "./metrics-on-demand.ts";
import { createLogger, createMetrics, flushMetrics, toCoreLogger, toCoreMetrics } from "./observability.ts";

afterEach(() => vi.restoreAllMocks());

/** One PING through the ingress with Powertools' Logger and `metrics`; the JSON lines it writes to stdout. */
async function pingLines(metrics: FlushableMetrics) {
  const signer = createSigner();
  const endpoint = ingressEndpoint(
    { publicKey: signer.publicKey, logger: toCoreLogger(createLogger("ingress")), metrics: metrics.metrics },
    () => Promise.reject(new Error("a PING loads no interaction handler")),
  );
  const body = Buffer.from(JSON.stringify(pingInteraction()));
  const out: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const response = await endpoint({
    method: "POST",
    path: "/interactions",
    headers: signer.headers(body),
    body,
  });
  await metrics.flush();
  vi.restoreAllMocks();
  expect(response.statusCode).toBe(200);
  return out
    .join("")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("metrics derived from log lines", () => {
  it("has the Lambda ingress write one line per PING, which carries every field its metric filters read", async () => {
    const lines = await pingLines(lambdaIngressMetrics(silentLogger));

    expect(lines).toHaveLength(1);
    for (const [name, metric] of Object.entries(metricsFromLogLines)) {
      const line = lines.find((candidate) => candidate.message === metric.message);
      expect(line, name).toBeDefined();
      expect(typeof line?.[metric.value], `${name}: ${metric.value}`).toBe("number");
      for (const field of Object.values(metric.dimensions))
        expect(line, `${name}: ${field}`).toHaveProperty(field);
    }
  });

  it("writes them as EMF lines where no metric filter derives them", async () => {
    const emf = createMetrics("ingress");
    const lines = await pingLines({ metrics: toCoreMetrics(emf), flush: () => flushMetrics(emf) });

    expect(lines).toHaveLength(2);
    expect(lines.find((line) => "_aws" in line)).toMatchObject({ component: "ingress", type: "1" });
    expect(lines.find((line) => "_aws" in line)?.["interaction.ack"]).toEqual(expect.any(Number));
  });

  it("filters on the line's message and names every field the metric reads", () => {
    expect(filterPattern("interaction.ack")).toBe(
      '{ $.message = "interaction.answered" && $.ackMs = * && $.service = * && $.component = * && $.interactionType = * }',
    );
  });
});

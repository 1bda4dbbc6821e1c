import type { Context } from "aws-lambda";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createLogger,
  createMetrics,
  flushMetrics,
  lambdaInvocation,
  toCoreLogger,
  toCoreMetrics,
} from "./observability.ts";

// Powertools writes EMF lines to stdout and its warnings to stderr; read both back as lines.
function capture(act: () => void) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => err.push(String(chunk)) > 0);
  act();
  vi.restoreAllMocks();
  const lines = (chunks: string[]) => chunks.join("").split("\n").filter(Boolean);
  return { out: lines(out), err: lines(err) };
}

afterEach(() => vi.restoreAllMocks());

describe("toCoreMetrics", () => {
  it("writes each dimensioned metric on its own line with only its own dimensions", () => {
    const metrics = toCoreMetrics(createMetrics("ingress"));

    const { out } = capture(() => {
      metrics.timing("interaction.ack", 1.5, { type: "1" });
      metrics.count("interaction.rejected", 1, { reason: "stale request timestamp" });
    });

    const [ack, rejected] = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(ack).toMatchObject({ component: "ingress", type: "1", "interaction.ack": 1.5 });
    expect(ack).not.toHaveProperty("reason");
    expect(rejected).toMatchObject({
      component: "ingress",
      reason: "stale request timestamp",
      "interaction.rejected": 1,
    });
    expect(rejected).not.toHaveProperty("type");
  });
});

describe("flushMetrics", () => {
  it("writes nothing, not even a warning, when the invocation stored no metric", () => {
    const metrics = createMetrics("ingress");

    const { out, err } = capture(() => flushMetrics(metrics));

    expect(out).toEqual([]);
    expect(err).toEqual([]);
  });

  it("writes the metrics an invocation stored in one line, then starts empty", () => {
    const metrics = createMetrics("worker");
    toCoreMetrics(metrics).count("job.done", 2);

    const first = capture(() => flushMetrics(metrics));
    const second = capture(() => flushMetrics(metrics));

    expect(first.out.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ component: "worker", "job.done": 2 }),
    ]);
    expect(second.out).toEqual([]);
  });
});

describe("lambdaInvocation", () => {
  const context = (awsRequestId: string) =>
    ({
      awsRequestId,
      functionName: "megawatts-ingress",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:megawatts-ingress",
      memoryLimitInMB: "512",
    }) as Context;

  it("puts each invocation's request id on its log lines and publishes its metrics at its end", () => {
    const logger = createLogger("ingress");
    const metrics = createMetrics("ingress");
    const invocation = lambdaInvocation(logger, () => flushMetrics(metrics));

    const { out } = capture(() => {
      for (const id of ["request-1", "request-2"]) {
        invocation.begin(context(id));
        toCoreLogger(logger).info("interaction.answered", { interactionId: id });
        toCoreMetrics(metrics).count("interaction.deferred");
        invocation.end();
      }
    });

    const lines = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ message: "interaction.answered", function_request_id: "request-1" }),
      expect.objectContaining({ component: "ingress", "interaction.deferred": 1 }),
      expect.objectContaining({ message: "interaction.answered", function_request_id: "request-2" }),
      expect.objectContaining({ component: "ingress", "interaction.deferred": 1 }),
    ]);
  });
});

import { RecordingMetrics } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import { metricsOnDemand } from "./metrics-on-demand.ts";

/** Metrics on demand over a recording implementation, counting its loads and flushes. */
function onDemand(skip?: (name: string) => boolean) {
  const recorded = new RecordingMetrics();
  const events: string[] = [];
  const metrics = metricsOnDemand(
    async () => {
      events.push("load");
      return { metrics: recorded, flush: () => void events.push(`flush ${recorded.records.length}`) };
    },
    skip ? { skip } : {},
  );
  return { metrics, recorded, events };
}

describe("metricsOnDemand", () => {
  it("loads nothing while nothing is recorded, and a flush then writes nothing", async () => {
    const { metrics, events } = onDemand();

    await metrics.flush();

    expect(events).toEqual([]);
  });

  it("keeps what is recorded before the implementation has loaded, in order, for the next flush", async () => {
    const { metrics, recorded, events } = onDemand();

    metrics.metrics.count("command.used", 1, { command: "help" });
    metrics.metrics.timing("job.latency", 12);
    await metrics.flush();
    metrics.metrics.gauge("breaker.open", 0, { service: "sqs" });
    await metrics.flush();

    expect(recorded.records).toEqual([
      { name: "command.used", value: 1, dimensions: { command: "help" } },
      { name: "job.latency", value: 12 },
      { name: "breaker.open", value: 0, dimensions: { service: "sqs" } },
    ]);
    expect(events).toEqual(["load", "flush 2", "flush 3"]);
  });

  it("drops the metrics it is told to skip without loading anything", async () => {
    const { metrics, recorded, events } = onDemand((name) => name === "interaction.ack");

    metrics.metrics.timing("interaction.ack", 0.1, { type: "1" });
    await metrics.flush();
    metrics.metrics.count("interaction.rejected", 1, { reason: "stale request timestamp" });
    await metrics.flush();

    expect(events).toEqual(["load", "flush 1"]);
    expect(recorded.records.map((record) => record.name)).toEqual(["interaction.rejected"]);
  });

  it("says what it dropped when the implementation fails to load, and tries again with the next metric", async () => {
    const failures: [string, number][] = [];
    let attempts = 0;
    const recorded = new RecordingMetrics();
    const metrics = metricsOnDemand(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("chunk missing");
        return { metrics: recorded, flush: () => {} };
      },
      { onError: (error, dropped) => failures.push([(error as Error).message, dropped]) },
    );

    metrics.metrics.count("command.used");
    metrics.metrics.count("interaction.refused");
    await metrics.flush();
    metrics.metrics.count("command.used");
    await metrics.flush();

    expect(failures).toEqual([["chunk missing", 2]]);
    expect(recorded.records.map((record) => record.name)).toEqual(["command.used"]);
  });

  it("keeps a failed load for the flush, however long the invocation runs before it", async () => {
    const failures: number[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const metrics = metricsOnDemand(
        async () => {
          throw new Error("chunk missing");
        },
        { onError: (_error, dropped) => failures.push(dropped) },
      );

      metrics.metrics.count("command.used");
      // The invocation goes on (a queue send, say) while the load fails.
      await new Promise((resolve) => setTimeout(resolve, 10));
      await metrics.flush();
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }

    expect(unhandled).toEqual([]);
    expect(failures).toEqual([1]);
  });
});

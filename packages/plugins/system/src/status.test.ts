import type { HealthCheck } from "@megawatts/core";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { systemWorker } from "./worker.ts";

/** A queue whose probe answers only when released, counting how often it was asked. */
function heldQueue() {
  let release: () => void = () => {};
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  const probe = {
    asked: 0,
    release: () => release(),
    check: {
      name: "jobs queue",
      kind: "queue",
      check: async () => {
        probe.asked += 1;
        await answered;
        return { detail: "depth 0" };
      },
    } satisfies HealthCheck,
  };
  return probe;
}

describe("/status jobs", () => {
  it("share one round of probes while they run at once, and probe afresh after", async () => {
    const queue = heldQueue();
    const status = jobHandler(systemWorker, fakePorts({ health: [queue.check] }), "system.status");
    const [first, second, later] = [1, 2, 3].map(() => fakeJobContext("system.status"));
    if (!first || !second || !later) throw new Error("no job contexts");

    const together = Promise.all([status(first.context), status(second.context)]);
    queue.release();
    await together;
    await status(later.context);

    expect(queue.asked).toBe(2);
    for (const { responder } of [first, second, later])
      expect(responder.sent[0]?.message.content).toMatch(/jobs queue\s+queue\s+up/);
  });
});

import { commandInteraction, snowflake } from "@megawatts/testing";
import { ManualClock, RecordingLogger } from "@megawatts/testing/fakes";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { systemIngress } from "./ingress.ts";
import { manifest } from "./manifest.ts";
import { systemWorker } from "./worker.ts";

const base = { elapsedMs: () => 0.5, commands: [], plugins: [], logger: new RecordingLogger() };
const ping = manifest.commands.find((command) => command.name === "ping");

function run(options: Record<string, string> = {}) {
  if (!ping) throw new Error("no /ping command");
  return systemIngress.commands.ping?.run({ ...base, interaction: commandInteraction(ping, { options }) });
}

describe("/ping", () => {
  it("answers inline by default", async () => {
    expect(await run()).toMatchObject({ type: "message", ephemeral: true });
    expect(await run({ queue: "false" })).toMatchObject({ type: "message" });
  });

  it("defers to a worker, only to the caller, when asked to go through the queue", async () => {
    expect(await run({ queue: "true" })).toEqual({
      type: "defer",
      ephemeral: true,
      job: { kind: "system.ping" },
    });
  });

  it("answers from the worker with the time since the interaction and since the job was queued", async () => {
    const clock = new ManualClock();
    const { context, responder } = fakeJobContext("system.ping");
    const created = clock.now() - 180;
    const job = {
      ...context.job,
      interaction: { ...context.job.interaction, id: snowflake(created) },
      enqueuedAt: clock.now() - 40,
    };

    await jobHandler(systemWorker, fakePorts({ clock }), "system.ping")({ ...context, job });

    expect(responder.sent).toHaveLength(1);
    expect(responder.sent[0]?.message.content).toBe(
      "🏓 Pong from a worker — Discord → worker ≈ 180 ms, of which ≈ 40 ms from the job queue to this worker.",
    );
  });
});

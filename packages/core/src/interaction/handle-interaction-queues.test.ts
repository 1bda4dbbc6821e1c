import { commandInteraction } from "@megawatts/testing";
import { RecordingQueue } from "@megawatts/testing/fakes";
import { fakeIngressDeps } from "@megawatts/testing/ingress-deps";
import {
  ApplicationCommandType,
  InteractionResponseType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { createCommandRegistry } from "../plugins/registry.ts";
import type { IngressPlugin } from "../plugins/types.ts";
import { handleInteraction, type InteractionDeps } from "./handle-interaction.ts";

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: "build",
  description: "Build something slowly",
};

function setup(job: { queue?: string; id?: string; sealFor?: string }, jobKeys?: InteractionDeps["jobKeys"]) {
  const plugin: IngressPlugin = {
    manifest: {
      id: "demo",
      version: "1.0.0",
      description: "Demo",
      commands: [definition],
      permissions: [],
      dependencies: {},
    },
    commands: { build: { run: () => ({ type: "defer", job: { kind: "demo.build", ...job } }) } },
  };
  const queue = new RecordingQueue();
  const fifo = new RecordingQueue();
  const deps = fakeIngressDeps(createCommandRegistry([plugin]), {
    queue,
    queues: { fifo },
    ...(jobKeys ? { jobKeys } : {}),
  });
  return { queue, fifo, handle: () => handleInteraction(deps, commandInteraction(definition), 0) };
}

describe("handleInteraction with named queues", () => {
  it("sends a job to the queue its plugin names, under the id the plugin gives it", async () => {
    const { queue, fifo, handle } = setup({ queue: "fifo", id: "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R" });

    const response = await handle();

    expect(response.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(queue.jobs).toHaveLength(0);
    expect(fifo.jobs.map((job) => [job.kind, job.id])).toEqual([
      ["demo.build", "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R"],
    ]);
  });

  it("answers with a reference id when the named queue is not configured", async () => {
    const { queue, handle } = setup({ queue: "missing" });

    const response = await handle();

    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.stringify(response)).toMatch(/Something went wrong on my side\. Reference: `ref_/);
    expect(queue.jobs).toHaveLength(0);
  });

  it("queues nothing and asks to try again when a sealed job's key cannot be stored", async () => {
    const down = { put: async () => Promise.reject(new Error("ECONNREFUSED")) };
    const { queue, handle } = setup({ sealFor: "900000000000000000" }, down);

    const response = await handle();

    expect(JSON.stringify(response)).toMatch(
      /I couldn't start that: I can't store it safely right now\. Please try again in a moment\. Reference: `ref_/,
    );
    expect(queue.jobs).toHaveLength(0);
  });
});

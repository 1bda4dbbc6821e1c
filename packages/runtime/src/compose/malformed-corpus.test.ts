import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { componentInteraction, createSigner } from "@megawatts/testing";
import { InMemoryJobKeys } from "@megawatts/testing/crypto-fakes";
import { RecordingLogger, RecordingMetrics, RecordingQueue } from "@megawatts/testing/fakes";
import { MemoryPluginStates } from "@megawatts/testing/ingress-deps";
import { malformedCorpus } from "@megawatts/testing/malformed-interactions";
import { describe, expect, it } from "vitest";
import { composeIngress } from "./ingress.ts";

function ingress() {
  const signer = createSigner();
  const logger = new RecordingLogger();
  const queue = new RecordingQueue();
  const endpoint = composeIngress({
    publicKey: signer.publicKey,
    queue,
    jobKeys: new InMemoryJobKeys(),
    queues: { selfedit: queue },
    pluginStates: new MemoryPluginStates(),
    logger,
    metrics: new RecordingMetrics(),
  });
  const post = (interaction: unknown) => {
    const body = Buffer.from(JSON.stringify(interaction));
    return endpoint({ method: "POST", path: "/interactions", headers: signer.headers(body), body });
  };
  return { post, logger };
}

describe("the ingress under a malformed-interaction corpus", () => {
  const corpus = malformedCorpus(createCommandRegistry(ingressPlugins).definitions);

  it("holds a corpus of several hundred cases", () => {
    expect(corpus.length).toBeGreaterThan(500);
  });

  it("answers every case with a 4xx or a well-formed reply, never an unhandled exception or a generic failure", async () => {
    const { post, logger } = ingress();
    const statuses = new Map<number, number>();
    const generic: string[] = [];

    for (const interaction of corpus) {
      const response = await post(interaction);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect(response.statusCode === 200 || (response.statusCode >= 400 && response.statusCode < 500)).toBe(
        true,
      );
      if (response.statusCode === 200 && response.body.includes("Something went wrong"))
        generic.push(JSON.stringify(interaction).slice(0, 200));
    }

    expect(generic).toEqual([]);
    expect(logger.lines.filter((line) => line.level === "error")).toEqual([]);
    expect(statuses.get(400)).toBeGreaterThan(300);
  });

  it("answers a 400 that names the malformed field", async () => {
    const { post } = ingress();
    const interaction = componentInteraction("privacy:cancel:1") as unknown as Record<
      string,
      Record<string, unknown>
    >;
    if (interaction.data) interaction.data.custom_id = 42;

    const response = await post(interaction);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toMatch(/^malformed interaction: data\.custom_id: /);
  });

  it("answers a component id naming an object-prototype member as unknown, not through the prototype", async () => {
    const { post } = ingress();

    const response = await post(componentInteraction("privacy:constructor:1"));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).data.content).toMatch(/^I don't know that component\./);
  });
});

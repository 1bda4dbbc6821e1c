import { silentLogger } from "@megawatts/core";
import { commandInteraction, createSigner, pingInteraction } from "@megawatts/testing";
import { InMemoryJobKeys } from "@megawatts/testing/crypto-fakes";
import { RecordingMetrics, RecordingQueue } from "@megawatts/testing/fakes";
import { MemoryPluginStates } from "@megawatts/testing/ingress-deps";
import { describe, expect, it } from "vitest";
import { ingressEndpoint } from "./ingress-endpoint.ts";
import { ingressRegistry } from "./ingress-registry.ts";
import { interactionHandler } from "./interaction-handler.ts";

function ingress(failedLoads = 0) {
  const signer = createSigner();
  const loads: number[] = [];
  const parts = {
    publicKey: signer.publicKey,
    queue: new RecordingQueue(),
    jobKeys: new InMemoryJobKeys(),
    pluginStates: new MemoryPluginStates(),
    logger: silentLogger,
    metrics: new RecordingMetrics(),
  };
  const endpoint = ingressEndpoint(parts, async () => {
    loads.push(loads.length);
    if (loads.length <= failedLoads) throw new Error("chunk not readable");
    return interactionHandler(parts, ingressRegistry());
  });
  const post = (interaction: unknown) => {
    const body = Buffer.from(JSON.stringify(interaction));
    return endpoint({ method: "POST", path: "/interactions", headers: signer.headers(body), body });
  };
  return { post, loads };
}

const help = commandInteraction({ name: "help", description: "What I can do" });

describe("the ingress endpoint with its interaction handler loaded on demand", () => {
  it("answers PINGs without loading the handler", async () => {
    const { post, loads } = ingress();

    const responses = [await post(pingInteraction()), await post(pingInteraction())];

    expect(responses.map((response) => [response.statusCode, JSON.parse(response.body)])).toEqual([
      [200, { type: 1 }],
      [200, { type: 1 }],
    ]);
    expect(loads).toEqual([]);
  });

  it("loads the handler once, on the first other interaction, and answers with it", async () => {
    const { post, loads } = ingress();

    const [first, second] = await Promise.all([post(help), post(help)]);
    const third = await post(help);

    for (const response of [first, second, third]) {
      expect(response?.statusCode).toBe(200);
      expect(JSON.parse(response?.body ?? "{}").data.content).toMatch(/\/help/);
    }
    expect(loads).toEqual([0]);
  });

  it("tries the load again on the next interaction after it failed", async () => {
    const { post, loads } = ingress(1);

    await expect(post(help)).rejects.toThrow("chunk not readable");
    const retried = await post(help);

    expect(retried.statusCode).toBe(200);
    expect(loads).toEqual([0, 1]);
  });
});

import { githubWebhook } from "@megawatts/testing/github-webhooks";
import { describe, expect, it } from "vitest";
import { createGithubWebhookEndpoint, type DeliveryLog } from "./webhook-endpoint.ts";

const SECRET = "webhook-secret";
const BRANCH = `megawatts/se_${"0".repeat(26)}`;

function memoryDeliveries(): DeliveryLog & { seen: Set<string> } {
  const seen = new Set<string>();
  return {
    seen,
    claim: async (delivery) => {
      if (seen.has(delivery)) return false;
      seen.add(delivery);
      return true;
    },
    release: async (delivery) => {
      seen.delete(delivery);
    },
  };
}

function setup(handle: () => Promise<void>) {
  const deliveries = memoryDeliveries();
  const errors: string[] = [];
  const endpoint = createGithubWebhookEndpoint({
    secret: SECRET,
    handle,
    deliveries,
    logger: { info: () => {}, warn: () => {}, error: (message) => errors.push(message) },
  });
  const send = (headers: Record<string, string>, body: string) =>
    endpoint({ method: "POST", path: "/github", headers, body: Buffer.from(body) });
  return { send, deliveries, errors };
}

describe("the GitHub webhook endpoint", () => {
  it("applies a delivery once and answers its replay 200 without applying it again", async () => {
    let applied = 0;
    const { send } = setup(async () => {
      applied += 1;
    });
    const { body, headers } = githubWebhook(SECRET, "pull_request", { branch: BRANCH });

    const first = await send(headers, body);
    const replay = await send(headers, body);

    expect([first.statusCode, replay.statusCode]).toEqual([200, 200]);
    expect(JSON.parse(replay.body)).toEqual({ duplicate: headers["x-github-delivery"] });
    expect(applied).toBe(1);
  });

  it("answers 202 with a reference, never 5xx, when applying fails, and lets the redelivery apply it", async () => {
    let fail = true;
    const { send, errors } = setup(async () => {
      if (fail) throw new Error("table unreachable");
    });
    const { body, headers } = githubWebhook(SECRET, "check_suite", { branch: BRANCH });

    const failed = await send(headers, body);
    fail = false;
    const redelivered = await send(headers, body);

    expect(failed.statusCode).toBe(202);
    expect(JSON.parse(failed.body)).toMatchObject({
      applied: false,
      reference: expect.stringMatching(/^gh_/),
    });
    expect(errors).toEqual(["github.failed"]);
    expect(redelivered.statusCode).toBe(200);
  });

  it("answers 400 to a signed delivery without a delivery id", async () => {
    const { send } = setup(async () => {});
    const { body, headers } = githubWebhook(SECRET, "pull_request", { branch: BRANCH });
    const { "x-github-delivery": _dropped, ...withoutId } = headers;

    const response = await send(withoutId, body);

    expect(response.statusCode).toBe(400);
  });
});

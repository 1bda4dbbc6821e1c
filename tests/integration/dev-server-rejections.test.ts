import type { LocalBot } from "@megawatts/local";
import { createSigner, pingInteraction, type Signer, signatureTimestamp } from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSigned, startTestBot } from "./helpers.ts";

let bot: LocalBot;
let signer: Signer;

beforeAll(async () => {
  ({ bot, signer } = await startTestBot("rejections"));
});

afterAll(async () => {
  await bot?.stop();
});

async function post(body: string | Buffer, headers: Record<string, string>, path = "/interactions") {
  const response = await fetch(`${bot.url}${path}`, { method: "POST", body, headers });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

describe("the dev server in front of the interactions endpoint", () => {
  it("rejects a body signed by another key with 401", async () => {
    const body = JSON.stringify(pingInteraction());
    const stranger = createSigner();

    const response = await post(body, stranger.headers(body));

    expect(response).toEqual({ status: 401, body: { error: "invalid request signature" } });
  });

  it("rejects a body changed after signing with 401", async () => {
    const body = JSON.stringify(pingInteraction());
    const headers = signer.headers(body);

    const response = await post(`${body} `, headers);

    expect(response.status).toBe(401);
  });

  it("rejects an odd-length signature with 401", async () => {
    const body = JSON.stringify(pingInteraction());
    const headers = signer.headers(body);

    const response = await post(body, {
      ...headers,
      "x-signature-ed25519": `${headers["x-signature-ed25519"]}a`,
    });

    expect(response).toEqual({ status: 401, body: { error: "invalid request signature" } });
  });

  it("rejects a correctly signed but stale timestamp with 401", async () => {
    const tenMinutesAgo = signatureTimestamp(Date.now() - 10 * 60_000);

    const response = await postSigned(bot, signer, pingInteraction(), tenMinutesAgo);

    expect(response).toEqual({ status: 401, body: { error: "stale request timestamp" } });
  });

  it("rejects a body over the endpoint's limit with 413", async () => {
    const body = JSON.stringify({ ...pingInteraction(), padding: "x".repeat(600 * 1024) });

    const response = await post(body, signer.headers(body));

    expect(response).toEqual({ status: 413, body: { error: "body too large" } });
  });

  it("answers 413 without buffering a body far over the limit", async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, "x");

    const response = await post(body, signer.headers(body));

    expect(response.status).toBe(413);
  });

  it("answers 404 for another path", async () => {
    const body = JSON.stringify(pingInteraction());

    const response = await post(body, signer.headers(body), "/webhooks");

    expect(response).toEqual({ status: 404, body: { error: "not found" } });
  });

  it("answers 405 with Allow: POST for another method", async () => {
    const response = await fetch(`${bot.url}/interactions`);

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("answers 400 for a signed body that is not JSON", async () => {
    const response = await postSigned(bot, signer, "{not json");

    expect(response).toEqual({ status: 400, body: { error: "body is not JSON" } });
  });

  it("reports itself healthy once every stand-in and runner is ready", async () => {
    const response = await fetch(`${bot.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", ready: true });
  });
});

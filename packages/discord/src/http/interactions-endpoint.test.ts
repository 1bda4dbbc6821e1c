import { silentLogger } from "@megawatts/core";
import { commandInteraction, createSigner, pingInteraction, signatureTimestamp } from "@megawatts/testing";
import { ManualClock, RecordingMetrics } from "@megawatts/testing/fakes";
import { InteractionResponseType } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { createVerifier } from "../verify.ts";
import { createInteractionsEndpoint, type HttpRequest } from "./interactions-endpoint.ts";

function setup(maxBodyBytes = 1024) {
  const signer = createSigner();
  const clock = new ManualClock(Date.now());
  const handled: unknown[] = [];
  const endpoint = createInteractionsEndpoint({
    verifySignature: createVerifier(signer.publicKey),
    handle: async (interaction) => {
      handled.push(interaction);
      return { type: InteractionResponseType.Pong };
    },
    logger: silentLogger,
    metrics: new RecordingMetrics(),
    clock,
    maxBodyBytes,
  });
  const request = (
    body: string,
    overrides: Partial<HttpRequest> = {},
    timestamp = signatureTimestamp(clock.now()),
  ) => ({
    method: "POST",
    path: "/interactions",
    headers: signer.headers(body, timestamp),
    body: Buffer.from(body),
    ...overrides,
  });
  return { endpoint, request, clock, handled };
}

describe("interactions endpoint", () => {
  it("answers a signed PING with type 1", async () => {
    const { endpoint, request } = setup();
    const response = await endpoint(request(JSON.stringify(pingInteraction())));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ type: 1 });
  });

  it("answers 401 to a missing, malformed or wrong signature", async () => {
    const { endpoint, request } = setup();
    const body = JSON.stringify(pingInteraction());
    const good = request(body);
    const signature = good.headers["x-signature-ed25519"] ?? "";
    const variants = [
      { ...good.headers, "x-signature-ed25519": undefined },
      { ...good.headers, "x-signature-ed25519": `${signature}a` },
      { ...good.headers, "x-signature-ed25519": signature.slice(0, -1) },
      {
        ...good.headers,
        "x-signature-ed25519": createSigner().sign(body, good.headers["x-signature-timestamp"] ?? ""),
      },
      { ...good.headers, "x-signature-timestamp": undefined },
    ];
    for (const headers of variants) {
      expect((await endpoint({ ...good, headers })).statusCode).toBe(401);
    }
  });

  it("answers 401 to a correctly signed request older or newer than five minutes", async () => {
    const { endpoint, request, clock } = setup();
    const body = JSON.stringify(pingInteraction());
    const old = signatureTimestamp(clock.now() - 5 * 60_000 - 1_000);
    const future = signatureTimestamp(clock.now() + 5 * 60_000 + 1_000);

    expect((await endpoint(request(body, {}, old))).statusCode).toBe(401);
    expect((await endpoint(request(body, {}, future))).statusCode).toBe(401);
    expect((await endpoint(request(body, {}, signatureTimestamp(clock.now() - 60_000)))).statusCode).toBe(
      200,
    );
  });

  it("answers 400 to signed bodies that are not JSON or not a known interaction", async () => {
    const { endpoint, request, handled } = setup();
    for (const body of ["{not json", "[]", '{"type":99,"id":"1","application_id":"2"}', '{"type":2}']) {
      const response = await endpoint(request(body));
      expect(response.statusCode).toBe(400);
    }
    expect(handled).toEqual([]);
  });

  it("answers 400 to a malformed command the first time a fresh endpoint sees one, after PINGs", async () => {
    const { endpoint, request, handled } = setup(16 * 1024);
    const command = commandInteraction({ name: "status", description: "Status" });
    const malformed = { ...command, data: { ...command.data, name: "" } };

    expect((await endpoint(request(JSON.stringify(pingInteraction())))).statusCode).toBe(200);
    const response = await endpoint(request(JSON.stringify(malformed)));
    const valid = await endpoint(request(JSON.stringify(command)));

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toMatch(/^malformed interaction: data\.name: /);
    expect(valid.statusCode).toBe(200);
    expect(handled).toEqual([command]);
  });

  it("answers 413 to an oversized body before checking anything else", async () => {
    const { endpoint, request } = setup();
    expect((await endpoint(request("x".repeat(2048)))).statusCode).toBe(413);
  });

  it("answers 404 to other paths and 405 to other methods", async () => {
    const { endpoint, request } = setup();
    const body = JSON.stringify(pingInteraction());
    expect((await endpoint(request(body, { path: "/" }))).statusCode).toBe(404);
    const wrongMethod = await endpoint(request(body, { method: "GET" }));
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe("POST");
  });

  it("answers PING itself and passes only other verified interactions to the handler", async () => {
    const { endpoint, request, handled } = setup(16 * 1024);
    const command = commandInteraction({ name: "status", description: "Status" });

    await endpoint(request(JSON.stringify(pingInteraction())));
    await endpoint(request(JSON.stringify(command), {}, signatureTimestamp(0)));
    await endpoint(request(JSON.stringify(command)));

    expect(handled).toEqual([command]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DiscordSink, SinkTimeoutError, startDiscordSink } from "./discord-sink.ts";

const app = "1200000000000000001";
const token = "aW50ZXJhY3Rpb246c2luaw";
let sink: DiscordSink;

beforeEach(async () => {
  sink = await startDiscordSink({ port: 0 });
});
afterEach(async () => {
  await sink.close();
});

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${sink.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("startDiscordSink", () => {
  it("answers an edit of the original reply with the message", async () => {
    const response = await call("PATCH", `/webhooks/${app}/${token}/messages/@original`, {
      content: "Done.",
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      content: "Done.",
      channel_id: expect.any(String),
      embeds: [],
    });
  });

  it("answers a follow-up with the message only when asked to wait", async () => {
    const waited = await call("POST", `/webhooks/${app}/${token}?wait=true`, { content: "More" });
    const unwaited = await call("POST", `/webhooks/${app}/${token}`, { content: "More" });

    expect(waited.status).toBe(200);
    expect(await waited.json()).toMatchObject({ id: expect.stringMatching(/^\d+$/), content: "More" });
    expect(unwaited.status).toBe(204);
  });

  it("refuses content over 2000 characters as Discord does", async () => {
    const response = await call("POST", `/webhooks/${app}/${token}?wait=true`, { content: "x".repeat(2001) });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 50035,
      errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } },
    });
  });

  it("refuses embeds over 6000 characters in one message", async () => {
    const embeds = [{ description: "d".repeat(4000) }, { description: "d".repeat(2001) }];
    const response = await call("POST", `/webhooks/${app}/${token}?wait=true`, { embeds });

    expect(await response.json()).toMatchObject({
      errors: { embeds: { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED" }] } },
    });
  });

  it("refuses an empty follow-up", async () => {
    const response = await call("POST", `/webhooks/${app}/${token}?wait=true`, { content: "" });

    expect(await response.json()).toEqual({ message: "Cannot send an empty message", code: 50006 });
  });

  it("requires a bot token for application commands", async () => {
    const response = await call("GET", `/applications/${app}/commands`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "401: Unauthorized", code: 0 });
  });

  it("keeps commands and their ids across overwrites", async () => {
    const auth = { authorization: "Bot local" };
    const first = await call(
      "PUT",
      `/applications/${app}/commands`,
      [{ name: "ping", description: "Ping" }],
      auth,
    );
    const second = await call(
      "PUT",
      `/applications/${app}/commands`,
      [{ name: "ping", description: "Pong" }],
      auth,
    );
    const listed = (await (await call("GET", `/applications/${app}/commands`, undefined, auth)).json()) as {
      version: string;
    }[];

    const [before] = (await first.json()) as { id: string; version: string }[];
    expect(listed).toMatchObject([
      { id: before?.id, application_id: app, type: 1, name: "ping", description: "Pong" },
    ]);
    expect(listed[0]?.version).not.toBe(before?.version);
    expect(second.status).toBe(200);
  });

  it("refuses commands that break Discord's limits", async () => {
    const auth = { authorization: "Bot local" };
    const response = await call(
      "PUT",
      `/applications/${app}/commands`,
      [{ name: "Bad Name", description: "" }],
      auth,
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: "Invalid Form Body", code: 50035 });
  });

  it("fails the next matching requests as told, with rate-limit headers on a 429", async () => {
    sink.failNext(
      { method: "POST" },
      { status: 429, body: { message: "You are being rate limited.", retry_after: 1.5, global: false } },
    );

    const limited = await call("POST", `/webhooks/${app}/${token}?wait=true`, { content: "x" });
    const next = await call("POST", `/webhooks/${app}/${token}?wait=true`, { content: "x" });

    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1.5");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(next.status).toBe(200);
  });

  it("lists one token's requests on the inspection route", async () => {
    await call("POST", `/webhooks/${app}/${token}?wait=true`, { content: "mine" });
    await call("POST", `/webhooks/${app}/other-token?wait=true`, { content: "theirs" });

    const response = await fetch(`${sink.url.replace("/api/v10", "")}/_sink/webhooks/${token}`);

    expect(await response.json()).toMatchObject([
      { method: "POST", token, body: { content: "mine" }, status: 200 },
    ]);
  });

  it("waits for a request that arrives later", async () => {
    const waiting = sink.waitFor((event) => event.method === "PATCH");

    await call("PATCH", `/webhooks/${app}/${token}/messages/@original`, { content: "Later" });

    await expect(waiting).resolves.toMatchObject({ body: { content: "Later" } });
  });

  it("rejects a wait when no matching request arrives", async () => {
    await expect(sink.waitFor((event) => event.method === "DELETE", 10)).rejects.toBeInstanceOf(
      SinkTimeoutError,
    );
  });

  it("answers unknown routes with Discord's 404", async () => {
    const response = await call("GET", "/nothing/here");

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "404: Not Found", code: 0 });
  });
});

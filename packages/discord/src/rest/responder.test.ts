import { DiscordAPIError, type RateLimitData } from "@discordjs/rest";
import { type InteractionRef, TOKEN_LIFETIME_MS, TOKEN_SAFETY_MARGIN_MS } from "@megawatts/core";
import { MessageFlags } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
// The local Discord stand-in is the REST test server; it lives with the local runtime.
import { type DiscordSink, startDiscordSink } from "../../../local/src/discord-sink.ts";
import { createDiscordRest, createInteractionRest, restApiBase } from "./create-rest.ts";
import { DiscordResponder, TokenExpiredError } from "./responder.ts";

const CREATED_AT = Date.UTC(2025, 0, 1, 12, 0, 0);
const interaction: InteractionRef = {
  id: "1300000000000000001",
  applicationId: "1200000000000000001",
  token: "aW50ZXJhY3Rpb246dGVzdA",
  guildId: "1100000000000000001",
  channelId: "1000000000000000001",
  userId: "900000000000000001",
  createdAt: CREATED_AT,
};
const fixedClock = (now: number) => ({ now: () => now });
const unknownInteraction = { status: 404, body: { message: "Unknown interaction", code: 10062 } };

let sink: DiscordSink;
beforeEach(async () => {
  sink = await startDiscordSink({ port: 0 });
});
afterEach(async () => {
  await sink.close();
});

function responder(now = CREATED_AT + 1000) {
  const rest = createDiscordRest({ apiUrl: sink.url });
  return new DiscordResponder(rest, { clock: fixedClock(now), raceRetryDelaysMs: [1, 2, 4] });
}

describe("restApiBase", () => {
  it("strips the version suffix that @discordjs/rest appends itself", () => {
    expect(restApiBase("https://discord.com/api/v10")).toBe("https://discord.com/api");
    expect(restApiBase("http://127.0.0.1:9000/api/v10/")).toBe("http://127.0.0.1:9000/api");
    expect(restApiBase("https://discord.com/api")).toBe("https://discord.com/api");
  });

  it("refuses another API version", () => {
    expect(() => restApiBase("https://discord.com/api/v9")).toThrow(/v10, not v9/);
  });
});

describe("createInteractionRest", () => {
  it("sends a burst of interaction replies beyond the bot's 50 a second without holding any back", async () => {
    const rest = createInteractionRest({ apiUrl: sink.url });
    const limited: RateLimitData[] = [];
    rest.on("rateLimited", (data) => limited.push(data));
    const replies = new DiscordResponder(rest, { clock: fixedClock(CREATED_AT + 1000) });
    const tokens = Array.from({ length: 60 }, (_, index) => `${interaction.token}${index}`);

    await Promise.all(
      tokens.map((token) => replies.editOriginal({ ...interaction, token }, { content: "Done." })),
    );

    expect(limited).toEqual([]);
    expect(tokens.map((token) => sink.events(token).length)).toEqual(tokens.map(() => 1));
  });
});

describe("DiscordResponder", () => {
  it("edits the original reply through the interaction webhook", async () => {
    await responder().editOriginal(interaction, { content: "Done." });

    const [event] = sink.events(interaction.token);
    expect(event).toMatchObject({
      method: "PATCH",
      path: `/webhooks/${interaction.applicationId}/${interaction.token}/messages/@original`,
      body: { content: "Done." },
      status: 200,
    });
  });

  it("sends what exceeds one message as follow-ups after the edit", async () => {
    await responder().editOriginal(interaction, {
      content: "word ".repeat(900),
      flags: MessageFlags.Ephemeral,
    });

    const events = sink.events(interaction.token);
    expect(events.map((event) => `${event.method} ${event.status}`)).toEqual([
      "PATCH 200",
      "POST 200",
      "POST 200",
    ]);
    expect(events.slice(1).every((event) => event.query.wait === "true")).toBe(true);
    const bodies = events.map((event) => event.body as { content: string; flags?: number });
    expect(bodies.map((body) => body.flags)).toEqual([0, MessageFlags.Ephemeral, MessageFlags.Ephemeral]);
    expect(bodies.map((body) => body.content).join(" ")).toBe("word ".repeat(900));
  });

  it("attaches files to the edited reply as multipart, with an attachments entry per file", async () => {
    const data = new TextEncoder().encode('{"hello":"world"}');

    await responder().editOriginal(interaction, {
      content: "Your export.",
      files: [{ name: "export.json", data, contentType: "application/json" }],
    });

    const [event] = sink.events(interaction.token);
    expect(event?.body).toMatchObject({
      content: "Your export.",
      attachments: [{ id: "0", filename: "export.json", size: data.length }],
    });
    expect(event?.files).toEqual([
      expect.objectContaining({ field: "files[0]", name: "export.json", size: data.length }),
    ]);
    expect(Buffer.from(event?.files?.[0]?.data ?? "", "base64").toString()).toBe('{"hello":"world"}');
  });

  it("sends a follow-up as a new webhook message", async () => {
    await responder().followUp(interaction, { content: "One more thing." });

    expect(sink.events(interaction.token)).toMatchObject([
      { method: "POST", path: `/webhooks/${interaction.applicationId}/${interaction.token}`, status: 200 },
    ]);
  });

  it("retries the unknown-interaction race right after a defer until the edit lands", async () => {
    sink.failNext({ method: "PATCH", pathIncludes: "@original" }, unknownInteraction, 2);

    await responder().editOriginal(interaction, { content: "Done." });

    expect(sink.events(interaction.token).map((event) => event.status)).toEqual([404, 404, 200]);
  });

  it("gives up on the race after its last retry", async () => {
    const unknownWebhook = { status: 404, body: { message: "Unknown Webhook", code: 10015 } };
    sink.failNext({ method: "PATCH" }, unknownWebhook, 10);

    const edit = responder().editOriginal(interaction, { content: "Done." });

    await expect(edit).rejects.toBeInstanceOf(DiscordAPIError);
    expect(sink.events(interaction.token)).toHaveLength(4);
  });

  it("does not retry other errors", async () => {
    sink.failNext({ method: "PATCH" }, { status: 404, body: { message: "Unknown Message", code: 10008 } });

    await expect(responder().editOriginal(interaction, { content: "Done." })).rejects.toMatchObject({
      code: 10008,
    });
    expect(sink.events(interaction.token)).toHaveLength(1);
  });

  it("lets the REST client wait out a 429 (Retry-After) and then sends", async () => {
    const rateLimited = {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.01, global: false },
    };
    sink.failNext({ method: "POST" }, rateLimited);

    await responder().followUp(interaction, { content: "Hello" });

    expect(sink.events(interaction.token).map((event) => event.status)).toEqual([429, 200]);
  });

  it("refuses to send once the token is about to expire", async () => {
    const cutOff = CREATED_AT + TOKEN_LIFETIME_MS - TOKEN_SAFETY_MARGIN_MS;

    const late = responder(cutOff).editOriginal(interaction, { content: "Too late." });

    await expect(late).rejects.toBeInstanceOf(TokenExpiredError);
    await expect(late).rejects.toMatchObject({ name: "TokenExpiredError", interactionId: interaction.id });
    expect(sink.events()).toEqual([]);
  });

  it("still sends just before the cut-off", async () => {
    const cutOff = CREATED_AT + TOKEN_LIFETIME_MS - TOKEN_SAFETY_MARGIN_MS;

    await responder(cutOff - 1).followUp(interaction, { content: "Just in time." });

    expect(sink.events(interaction.token)).toHaveLength(1);
  });
});

import { fakePorts } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { itemKeys } from "../data/keys.ts";
import { rememberedMessageSource } from "../knowledge/ingest/remembered-messages.ts";
import { setRememberPreference } from "../privacy/preferences.ts";
import { openFields } from "../privacy/sealed-fields.ts";
import { contentHash, type RememberInput, rememberMessage } from "./remember-message.ts";

const GUILD = "81384788765712384";
const CANARY = "canary-remember-0b7e4c";
const input: RememberInput = {
  guild: GUILD,
  channelId: "81384788765712385",
  messageId: "1200000000000000001",
  authorId: "80351110224678912",
  content: `hello ${CANARY}`,
  attachments: ["notes.txt"],
  postedAt: Date.parse("2025-12-31T12:00:00Z"),
  requestedBy: "80351110224678999",
};

function setup() {
  const services = fakePorts();
  return { services, deps: { ...services, clock: services.clock } };
}

describe("rememberMessage", () => {
  it("stores the message with its content and attachment names sealed under the author's key", async () => {
    const { services, deps } = setup();

    const outcome = await rememberMessage(deps, input);

    const raw = [...services.store.items.values()].find((item) => item.cls === "remembered-message");
    expect(JSON.stringify(raw)).not.toContain(CANARY);
    expect(JSON.stringify(raw)).not.toContain("notes.txt");
    expect(raw).toMatchObject({
      subject: input.authorId,
      data: { contentHash: contentHash(GUILD, input.content) },
    });
    if (!raw) throw new Error("no remembered message was stored");
    const opened = await openFields(services.envelope, services.data.classes.get("remembered-message"), raw);
    expect(opened).toMatchObject({ content: input.content, attachments: ["notes.txt"] });
    expect(outcome).toEqual({
      status: "stored",
      summary: expect.objectContaining({ characters: input.content.length, attachments: ["notes.txt"] }),
    });
  });

  it("stores a message once however often it is remembered", async () => {
    const { services, deps } = setup();

    await rememberMessage(deps, input);
    const again = await rememberMessage(deps, { ...input, content: "edited since" });

    expect(again.status).toBe("already");
    const messages = [...services.store.items.values()].filter((item) => item.cls === "remembered-message");
    expect(messages).toHaveLength(1);
  });

  it("refuses when the author opted out and stores nothing", async () => {
    const { services, deps } = setup();
    await setRememberPreference(deps, {
      guild: GUILD,
      user: input.authorId,
      remember: false,
      actor: "user:1",
    });

    const outcome = await rememberMessage(deps, input);

    expect(outcome).toEqual({ status: "opted-out" });
    const key = itemKeys.message(GUILD, input.channelId, input.messageId);
    expect(await services.data.documents.get(key)).toBeUndefined();
  });

  it("refuses a message with neither text nor attachments", async () => {
    const { deps } = setup();

    expect(await rememberMessage(deps, { ...input, content: "  ", attachments: [] })).toEqual({
      status: "empty",
    });
  });

  it("audits who asked, about whom, without the content", async () => {
    const { services, deps } = setup();

    await rememberMessage(deps, input);

    const { items } = await services.data.audit.query(GUILD, { from: 0, to: services.clock.now() });
    expect(items).toEqual([
      expect.objectContaining({
        actor: `user:${input.requestedBy}`,
        action: "memory.remembered",
        subject: input.authorId,
        reference: input.messageId,
      }),
    ]);
    expect(JSON.stringify(items)).not.toContain(CANARY);
  });

  it("hashes the same text differently in different guilds", () => {
    expect(contentHash(GUILD, "hi")).not.toBe(contentHash("175928847299117063", "hi"));
  });

  it("stores what the knowledge feature reads back as the message's text", async () => {
    const { services, deps } = setup();
    await rememberMessage(deps, input);
    const messages = rememberedMessageSource({ data: services.data.deps, envelope: services.envelope });

    const ref = { channelId: input.channelId, messageId: input.messageId, createdAt: services.clock.now() };
    const found = await messages.getMessages(GUILD, [ref]);

    expect(found.get(input.messageId)).toMatchObject({ authorId: input.authorId, content: input.content });
  });
});

import { describe, expect, it } from "vitest";
import type { KnowledgeMessage } from "../ingest/ports.ts";
import { conversationContexts } from "./conversation.ts";

const HELP = "81384788765712385";
const OTHER = "81384788765712386";
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 1, 2, 10);

const at = (id: string, minutes: number, authorId: string, over: Partial<KnowledgeMessage> = {}) => ({
  id,
  channelId: HELP,
  authorId,
  createdAt: T0 + minutes * MINUTE,
  content: `message ${id}`,
  ...over,
});

const windows = (messages: KnowledgeMessage[]) =>
  conversationContexts(messages, new Map(messages.map((m) => [m.id, m.content])));
const sourcesOf = (found: ReturnType<typeof windows>, id: string) =>
  (found.get(id) ?? []).map((source) => source.messageId);

describe("conversationContexts", () => {
  it("ties a later confirmation without a reply reference to the asker's question and the answer they got", () => {
    const found = windows([
      at("10", 0, "1"), // the question
      at("11", 5, "2", { replyToId: "10" }), // the answer
      at("12", 20, "3"), // someone else's chatter
      at("13", 95, "1"), // "works now", 95 minutes later, no reply reference
    ]);
    expect(sourcesOf(found, "13")).toEqual(["10", "11"]);
  });

  it("takes the reply parent, the thread starter and close neighbours, nearest first, never itself", () => {
    const starter = at("20", 0, "1");
    const found = windows([
      starter,
      at("21", 1, "2", { channelId: "20" }),
      at("22", 2, "3", { channelId: "20" }),
      at("23", 3, "4", { channelId: "20", replyToId: "21" }),
    ]);
    expect(sourcesOf(found, "23")).toEqual(["21", "20", "22"]);
    expect(sourcesOf(found, "20")).toEqual([]);
  });

  it("leaves out neighbours from other channels or beyond the window", () => {
    const found = windows([at("30", 0, "1", { channelId: OTHER }), at("31", 0, "2"), at("32", 45, "3")]);
    expect(sourcesOf(found, "32")).toEqual([]);
    expect(sourcesOf(found, "31")).toEqual([]);
  });

  it("indexes nothing around a message when context is off", () => {
    const messages = [at("40", 0, "1"), at("41", 1, "2", { replyToId: "40" })];
    const texts = new Map(messages.map((m) => [m.id, m.content]));
    expect(conversationContexts(messages, texts, { enabled: false }).size).toBe(0);
  });
});

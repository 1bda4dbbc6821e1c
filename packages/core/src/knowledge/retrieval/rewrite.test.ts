import { GUILD, message, testDeps } from "@megawatts/testing/knowledge";
import { describe, expect, it } from "vitest";
import { ingestMessages } from "../ingest.ts";
import type { ChatMessage, ChatModel, ChatOptions } from "../ports.ts";
import { search } from "../search.ts";
import { DEFAULT_REWRITE, expandQuery } from "./rewrite.ts";

/** A chat model that records what it was asked and answers with `reply` (or fails). */
function recordingChat(reply: string | Error) {
  const calls: Array<{ messages: ChatMessage[]; options?: ChatOptions }> = [];
  const chat: ChatModel = {
    id: "test:recording",
    async complete(messages, options) {
      calls.push({ messages, ...(options ? { options } : {}) });
      if (reply instanceof Error) throw reply;
      return { text: reply, tokens: { prompt: 10, completion: 10 } };
    },
  };
  return { chat, calls };
}

describe("expandQuery", () => {
  it("returns the query alone, asking nothing, without a chat model or with rewriting off", async () => {
    const { deps } = testDeps();
    expect(await expandQuery(deps, "thin hairs")).toEqual(["thin hairs"]);
    const { chat, calls } = recordingChat("raise retraction");
    const off = { ...deps, chat, settings: { rewrite: { enabled: false } } };
    expect(await expandQuery(off, "thin hairs")).toEqual(["thin hairs"]);
    expect(calls).toHaveLength(0);
  });

  it("adds the model's hypothetical answer, cut to the word bound, asking for at most the token bound", async () => {
    const { deps } = testDeps();
    const { chat, calls } = recordingChat(Array.from({ length: 500 }, (_, i) => `w${i}`).join(" "));
    const [query, answer] = await expandQuery({ ...deps, chat }, "thin hairs");
    expect(query).toBe("thin hairs");
    expect(answer?.split(" ")).toHaveLength(DEFAULT_REWRITE.maxWords);
    expect(calls[0]?.options).toMatchObject({ maxTokens: DEFAULT_REWRITE.maxTokens, temperature: 0 });
    expect(calls[0]?.options?.signal).toBeInstanceOf(AbortSignal);
  });

  it("goes on with the query alone when the model fails", async () => {
    const { deps } = testDeps();
    const { chat } = recordingChat(new Error("model down"));
    expect(await expandQuery({ ...deps, chat }, "thin hairs")).toEqual(["thin hairs"]);
  });

  it("refuses bounds out of range with a clear error", async () => {
    const { deps } = testDeps();
    const { chat } = recordingChat("x");
    const wild = { ...deps, chat, settings: { rewrite: { maxTokens: 100_000 } } };
    await expect(expandQuery(wild, "thin hairs")).rejects.toThrow(/maxTokens/);
  });
});

describe("search with a chat model", () => {
  it("asks the model once for semantic and hybrid searches, never for keyword search", async () => {
    const { deps } = testDeps();
    const { chat, calls } = recordingChat("raise the retraction distance");
    const withChat = { ...deps, chat };
    await ingestMessages(withChat, GUILD, [message("raise the retraction distance to six millimetres")]);
    await search(withChat, { guildId: GUILD, query: "thin hairs", mode: "keyword" });
    expect(calls).toHaveLength(0);
    await search(withChat, { guildId: GUILD, query: "thin hairs", mode: "semantic" });
    await search(withChat, { guildId: GUILD, query: "thin hairs", mode: "hybrid" });
    expect(calls).toHaveLength(2);
    expect(calls[0]?.messages.at(-1)?.content).toContain("thin hairs");
  });
});

import { GUILD, message, testDeps } from "@megawatts/testing/knowledge";
import { describe, expect, it } from "vitest";
import { KnowledgeInputError } from "./deps.ts";
import { ingestMessages } from "./ingest.ts";

describe("ingestMessages", () => {
  it("indexes new messages as vectors and keyword documents with their metadata", async () => {
    const { deps, vectors } = testDeps();
    const first = message("the deploy failed on the staging cluster");
    const counts = await ingestMessages(deps, GUILD, [first]);
    expect(counts).toMatchObject({ new: 1, duplicate: 0, chunks: 1 });
    expect(vectors.records(GUILD)).toMatchObject([
      {
        id: `${first.channelId}:${first.id}:0`,
        metadata: {
          guildId: GUILD,
          channelId: first.channelId,
          authorId: first.authorId,
          createdAt: first.createdAt,
          kind: "message",
        },
      },
    ]);
    expect(await deps.keywords.search(GUILD, "staging", { limit: 5 })).toHaveLength(1);
  });

  it("skips a message it indexed before with the same content, and one repeated in the batch", async () => {
    const { deps, model } = testDeps();
    const one = message("how do I reset my password");
    await ingestMessages(deps, GUILD, [one]);
    const counts = await ingestMessages(deps, GUILD, [one, { ...one }]);
    expect(counts).toMatchObject({ new: 0, duplicate: 2, chunks: 0, tokens: 0 });
    expect(model.calls).toHaveLength(1);
  });

  it("re-indexes an edited message and drops the chunks the edit removed", async () => {
    const { deps, vectors } = testDeps({});
    const long = message(Array.from({ length: 400 }, (_, i) => `word${i}`).join(" "));
    await ingestMessages(deps, GUILD, [long]);
    expect(vectors.records(GUILD).length).toBeGreaterThan(1);
    const counts = await ingestMessages(deps, GUILD, [{ ...long, content: "short now" }]);
    expect(counts).toMatchObject({ updated: 1, chunks: 1 });
    expect(vectors.records(GUILD).map((record) => record.id)).toEqual([`${long.channelId}:${long.id}:0`]);
  });

  it("neither stores nor indexes anything of a member who opted out", async () => {
    const { deps, vectors, messages } = testDeps({ optedOut: ["111"] });
    const counts = await ingestMessages(deps, GUILD, [
      message("please forget me", { authorId: "111" }),
      message("remember me"),
    ]);
    expect(counts).toMatchObject({ new: 1, skippedOptedOut: 1 });
    expect(vectors.records(GUILD).map((record) => record.metadata.authorId)).not.toContain("111");
    expect(messages.size(GUILD)).toBe(1);
    expect(await deps.keywords.search(GUILD, "forget", { limit: 5 })).toEqual([]);
  });

  it("chunks a long message with overlap and ids <channel>:<message>:<n>", async () => {
    const { deps, vectors } = testDeps();
    const long = message(Array.from({ length: 330 }, (_, i) => `w${i}`).join(" "));
    const counts = await ingestMessages(deps, GUILD, [long]);
    expect(counts.chunks).toBe(3);
    expect(vectors.records(GUILD).map((record) => record.id)).toEqual(
      [0, 1, 2].map((n) => `${long.channelId}:${long.id}:${n}`),
    );
  });

  it("embeds a reply alone and in a context chunk with the opening of the message it answers", async () => {
    const { deps, model } = testDeps();
    const question = message("why does npm install fail on windows");
    const reply = message("delete node_modules first", { replyToId: question.id });
    await ingestMessages(deps, GUILD, [question, reply]);
    expect(model.calls.flat()).toContain("delete node_modules first");
    expect(model.calls.flat()).toContain(
      "delete node_modules first\n(context: why does npm install fail on windows)",
    );
  });

  it("gives a reply indexed alone the message it answers, indexed earlier", async () => {
    const { deps, model } = testDeps();
    const question = message("why does npm install fail on windows");
    await ingestMessages(deps, GUILD, [question]);
    const reply = message("delete node_modules first", { replyToId: question.id });
    await ingestMessages(deps, GUILD, [reply]);
    expect(model.calls.at(-1)).toContain(
      "delete node_modules first\n(context: why does npm install fail on windows)",
    );
    const { deps: alone } = testDeps();
    const { messages: _source, ...withoutSource } = alone;
    await ingestMessages(withoutSource, GUILD, [question]);
    await ingestMessages(withoutSource, GUILD, [reply]);
    expect((await alone.keywords.indexed(GUILD, [reply.id])).get(reply.id)?.context).toBeUndefined();
  });

  it("reaches the model only for texts the embedding cache has not seen", async () => {
    const { deps, model } = testDeps();
    await ingestMessages(deps, GUILD, [message("same words here")]);
    const counts = await ingestMessages(deps, GUILD, [message("same words here")]);
    expect(counts).toMatchObject({ new: 1, tokens: 0 });
    expect(model.calls).toHaveLength(1);
  });

  it("counts messages with nothing to index, and refuses ids that are not snowflakes", async () => {
    const { deps } = testDeps();
    expect(await ingestMessages(deps, GUILD, [message("   ")])).toMatchObject({ empty: 1, new: 0 });
    await expect(ingestMessages(deps, GUILD, [message("x", { channelId: "general" })])).rejects.toThrow(
      KnowledgeInputError,
    );
  });
});

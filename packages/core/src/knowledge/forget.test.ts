import { GUILD, message, OTHER_GUILD, testDeps } from "@megawatts/testing/knowledge";
import { describe, expect, it } from "vitest";
import { ask } from "./ask.ts";
import { forgetAuthor, forgetMessages } from "./forget.ts";
import { ingestMessages } from "./ingest.ts";
import { search } from "./search.ts";

const ERASED = "80351110224678001";
const KEPT = "80351110224678002";

describe("forgetAuthor", () => {
  it("removes the member's text from every context window that quotes it, in both indexes", async () => {
    const { deps, vectors, keywordStore } = testDeps();
    const question = message("why does the flux capacitor overheat", { authorId: ERASED });
    const answer = message("replace the thermal paste", { authorId: KEPT, replyToId: question.id });
    const neighbour = message("same here since tuesday", { authorId: "80351110224678003" });
    await ingestMessages(deps, GUILD, [question, answer, neighbour]);
    const before = await search(deps, { guildId: GUILD, query: "flux capacitor", mode: "keyword" });
    expect(before.results.map((r) => r.messageId)).toEqual(expect.arrayContaining([answer.id, neighbour.id]));

    await forgetAuthor(deps, GUILD, ERASED);

    const after = await search(deps, { guildId: GUILD, query: "flux capacitor overheat", mode: "keyword" });
    expect(after.results).toEqual([]);
    const ids = vectors.records(GUILD).map((record) => record.id);
    expect(ids.filter((id) => id.endsWith(":ctx"))).toEqual([]);
    expect(ids).toContain(`${answer.channelId}:${answer.id}:0`);
    const { snapshot, entries } = await keywordStore.read(GUILD);
    const stored = [...(snapshot?.messages ?? []), ...entries.flatMap((entry) => entry.upserts ?? [])];
    const quoting = stored
      .flatMap((m) => m.chunks)
      .filter((chunk) => chunk.sources?.authorIds.includes(ERASED));
    expect(quoting).toEqual([]);
    expect(stored.map((m) => m.messageId).sort()).toEqual([answer.id, neighbour.id].sort());
  });

  it("removes the member from the keyword and the vector index, and nobody else", async () => {
    const { deps, vectors } = testDeps();
    await ingestMessages(deps, GUILD, [
      message("my home address is elm street", { authorId: ERASED }),
      message("elm street has good coffee", { authorId: KEPT }),
    ]);
    await ingestMessages(deps, OTHER_GUILD, [message("elm street in another guild", { authorId: ERASED })]);
    const counts = await forgetAuthor(deps, GUILD, ERASED);
    expect(counts).toMatchObject({ messages: 1, vectors: 1 });
    expect(vectors.records(GUILD).map((r) => r.metadata.authorId)).toEqual([KEPT]);
    expect(await deps.keywords.search(GUILD, "address", { limit: 5 })).toEqual([]);
    for (const mode of ["keyword", "semantic", "hybrid"] as const) {
      const page = await search(deps, { guildId: GUILD, query: "home address elm street", mode });
      expect(page.results.map((r) => r.authorId)).toEqual([KEPT]);
    }
    expect(vectors.records(OTHER_GUILD)).toHaveLength(1);
  });

  it("drops the member's hot-tier entries: saved searches and conversation turns", async () => {
    const { deps, hot } = testDeps();
    await ingestMessages(deps, GUILD, [message("deploy with make deploy", { authorId: KEPT })]);
    await ask(deps, {
      guildId: GUILD,
      channelId: "81384788765712385",
      userId: ERASED,
      question: "how to deploy",
    });
    const counts = await forgetAuthor(deps, GUILD, ERASED);
    expect(counts.cached).toBeGreaterThan(0);
    expect(await hot.get(`g:${GUILD}:ctx:81384788765712385:${ERASED}`)).toBeUndefined();
  });
});

describe("forgetMessages", () => {
  it("removes the context chunks of other messages that quote a deleted message", async () => {
    const { deps, vectors } = testDeps();
    const question = message("why does the flux capacitor overheat", { authorId: ERASED });
    const answer = message("replace the thermal paste", { authorId: KEPT, replyToId: question.id });
    await ingestMessages(deps, GUILD, [question, answer]);
    expect(vectors.records(GUILD).map((r) => r.id)).toContain(`${answer.channelId}:${answer.id}:ctx`);

    await forgetMessages(deps, GUILD, [question.id]);

    expect(vectors.records(GUILD).map((r) => r.id)).toEqual([`${answer.channelId}:${answer.id}:0`]);
    const page = await search(deps, { guildId: GUILD, query: "flux capacitor", mode: "keyword" });
    expect(page.results).toEqual([]);
    const kept = await search(deps, { guildId: GUILD, query: "thermal paste", mode: "keyword" });
    expect(kept.results.map((r) => r.messageId)).toEqual([answer.id]);
  });

  it("removes every chunk of a deleted message from both indexes", async () => {
    const { deps, vectors } = testDeps();
    const long = message(Array.from({ length: 200 }, (_, i) => `w${i}`).join(" "));
    await ingestMessages(deps, GUILD, [long, message("w1 stays")]);
    expect(await forgetMessages(deps, GUILD, [long.id])).toBe(1);
    expect(vectors.records(GUILD).every((r) => !r.id.includes(long.id))).toBe(true);
    expect((await deps.keywords.search(GUILD, "w1", { limit: 5 })).map((hit) => hit.messageId)).not.toContain(
      long.id,
    );
  });
});

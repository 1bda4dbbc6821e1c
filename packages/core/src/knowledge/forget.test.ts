import { GUILD, message, OTHER_GUILD, testDeps } from "@megawatts/testing/knowledge";
import { describe, expect, it } from "vitest";
import { ask } from "./ask.ts";
import { forgetAuthor, forgetMessages } from "./forget.ts";
import { ingestMessages } from "./ingest.ts";
import { search } from "./search.ts";

const ERASED = "80351110224678001";
const KEPT = "80351110224678002";

describe("forgetAuthor", () => {
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

import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { createDocumentKeywordStore, forgetAuthor, ingestMessages, search } from "@megawatts/core";
import { afterAll, describe, expect, it } from "vitest";
import { knowledgeFixture, knowledgeMessage, removeKnowledgeDirs } from "./knowledge-fixtures.ts";

const GUILD_A = "1100000000000000001";
const GUILD_B = "1100000000000000002";
const ANA = "80351110224678001";
const BEN = "80351110224678002";
const MODES = ["keyword", "semantic", "hybrid"] as const;

afterAll(removeKnowledgeDirs);

async function scanItems(fx: Awaited<ReturnType<typeof knowledgeFixture>>) {
  const { Items = [] } = await fx.clients.dynamodb.send(
    new ScanCommand({ TableName: fx.resources.tableName }),
  );
  return Items;
}

const scanTable = async (fx: Awaited<ReturnType<typeof knowledgeFixture>>) =>
  JSON.stringify(await scanItems(fx));

describe("the knowledge pipeline on the local servers", () => {
  it("finds a guild's messages in every mode and never another guild's", async () => {
    const fx = await knowledgeFixture("kn-tenancy");
    const mine = knowledgeMessage("the staging cluster ran out of disk during the nightly backup", ANA);
    const theirs = knowledgeMessage("staging cluster disk full nightly backup in the other guild", BEN);
    await ingestMessages(fx.deps, GUILD_A, [mine]);
    await ingestMessages(fx.deps, GUILD_B, [theirs]);
    for (const mode of MODES) {
      const page = await search(fx.deps, {
        guildId: GUILD_A,
        query: "staging disk full nightly backup",
        mode,
      });
      expect(page.results.map((result) => result.messageId)).toEqual([mine.id]);
      expect(page.results[0]?.snippet).toBe(mine.content);
    }
  });

  it("keeps no word of a message in plaintext in the table", async () => {
    const fx = await knowledgeFixture("kn-plaintext");
    await ingestMessages(fx.deps, GUILD_A, [knowledgeMessage("zanzibar quokka flamingo", ANA)]);
    expect(await search(fx.deps, { guildId: GUILD_A, query: "quokka" })).toMatchObject({ total: 1 });
    expect(await scanTable(fx)).not.toMatch(/zanzibar|quokka|flamingo/i);
  });

  it("recognises messages indexed by another container as duplicates", async () => {
    const fx = await knowledgeFixture("kn-dedupe");
    const batch = [knowledgeMessage("first", ANA), knowledgeMessage("second", BEN)];
    await ingestMessages(fx.deps, GUILD_A, batch);
    const other = await fx.reopen();
    expect(await ingestMessages(other, GUILD_A, batch)).toMatchObject({ new: 0, duplicate: 2, tokens: 0 });
  });

  it("erases an author from the keyword index in the table and from the vectors on disk", async () => {
    const fx = await knowledgeFixture("kn-erasure");
    const erased = knowledgeMessage("my secret recipe uses saffron", ANA);
    await ingestMessages(fx.deps, GUILD_A, [erased, knowledgeMessage("saffron is expensive", BEN)]);
    expect(await forgetAuthor(fx.deps, GUILD_A, ANA)).toMatchObject({ messages: 1, vectors: 1 });
    const reopened = await fx.reopen();
    for (const mode of MODES) {
      const page = await search(reopened, { guildId: GUILD_A, query: "secret recipe saffron", mode });
      expect(page.results.map((result) => result.authorId)).toEqual([BEN]);
    }
    const { snapshot, entries } = await createDocumentKeywordStore(fx.services.data).read(GUILD_A);
    expect(entries).toEqual([]);
    expect(snapshot?.messages.map((message) => message.authorId)).toEqual([BEN]);
    const keywordItems = (await scanItems(fx)).filter((item) => item.cls?.S === "keyword-index");
    expect(JSON.stringify(keywordItems)).not.toContain(erased.id);
  });
});

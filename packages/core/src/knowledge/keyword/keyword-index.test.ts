import { FakeKeyService, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { GUILD, OTHER_GUILD } from "@megawatts/testing/knowledge";
import { describe, expect, it } from "vitest";
import { createEnvelope } from "../../crypto/envelope.ts";
import { createKeywordIndex, type KeywordInput } from "./keyword-index.ts";
import { createMemoryKeywordStore } from "./memory-store.ts";
import { derivedTermKeys } from "./term-keys.ts";

const doc = (messageId: string, text: string, over: Partial<KeywordInput> = {}): KeywordInput => ({
  messageId,
  channelId: "20",
  authorId: "7",
  createdAt: Number(messageId),
  contentHash: `h${messageId}`,
  chunks: [{ id: `20:${messageId}:0`, text }],
  ...over,
});

function setup(options: { compactAfter?: number } = {}) {
  const store = createMemoryKeywordStore();
  const envelope = createEnvelope({ keys: new FakeKeyService(), store: new InMemorySubjectKeyStore() });
  const open = () => createKeywordIndex({ store, termKeys: derivedTermKeys("secret"), envelope, ...options });
  return { store, open, index: open() };
}

describe("the keyword index", () => {
  it("ranks the message that matches more, and rarer, query terms first", async () => {
    const { index } = setup();
    await index.upsert(GUILD, [
      doc("1", "the deploy failed again"),
      doc("2", "deploy pipeline failed with a timeout on the runner"),
      doc("3", "lunch anyone? deploy later"),
    ]);
    const hits = await index.search(GUILD, "runner timeout", { limit: 10 });
    expect(hits.map((hit) => hit.messageId)).toEqual(["2"]);
    expect((await index.search(GUILD, "deploy failed", { limit: 10 })).map((hit) => hit.messageId)).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it("filters by channel, author and inclusive time bounds", async () => {
    const { index } = setup();
    await index.upsert(GUILD, [
      doc("10", "redis timeout", { channelId: "21" }),
      doc("11", "redis timeout", { authorId: "8" }),
      doc("12", "redis timeout"),
    ]);
    const ids = async (filter: object) =>
      (await index.search(GUILD, "redis", { limit: 10, filter })).map((hit) => hit.messageId).sort();
    expect(await ids({ channelId: "21" })).toEqual(["10"]);
    expect(await ids({ authorId: "8" })).toEqual(["11"]);
    expect(await ids({ after: 11, before: 12 })).toEqual(["11", "12"]);
  });

  it("never answers from another guild's index", async () => {
    const { index } = setup();
    await index.upsert(OTHER_GUILD, [doc("1", "secret plans")]);
    expect(await index.search(GUILD, "secret plans", { limit: 10 })).toEqual([]);
  });

  it("stores keyed hashes of terms, never the words", async () => {
    const { store, index } = setup();
    await index.upsert(GUILD, [doc("1", "kubernetes ingress misconfigured")]);
    const stored = JSON.stringify(await store.read(GUILD));
    expect(stored).not.toMatch(/kubernetes|ingress|misconfigur/);
    expect(await index.search(GUILD, "kubernetes", { limit: 1 })).toHaveLength(1);
  });

  it("replaces a message's chunks when it is indexed again, and deletes by message id", async () => {
    const { index } = setup();
    await index.upsert(GUILD, [doc("1", "old words"), doc("2", "old words too")]);
    await index.upsert(GUILD, [doc("1", "new words")]);
    expect((await index.search(GUILD, "old", { limit: 10 })).map((hit) => hit.messageId)).toEqual(["2"]);
    expect(await index.deleteMessages(GUILD, ["2", "404"])).toBe(1);
    expect(await index.search(GUILD, "old", { limit: 10 })).toEqual([]);
  });

  it("erases an author from the index and from the vocabulary kept for suggestions", async () => {
    const { index, open } = setup();
    await index.upsert(GUILD, [doc("1", "zebra crossing", { authorId: "9" }), doc("2", "crossing guard")]);
    expect(await index.deleteAuthor(GUILD, "9")).toBe(1);
    expect(await index.search(GUILD, "zebra", { limit: 10 })).toEqual([]);
    const terms = (await open().terms(GUILD)).map((entry) => entry.term);
    expect(terms).toEqual(["crossing", "guard"]);
  });

  it("lets a later deletion win over an upsert that arrives late", async () => {
    const { store, index, open } = setup();
    await index.upsert(GUILD, [doc("1", "apple")]);
    const [entry] = (await store.read(GUILD)).entries;
    await index.deleteMessages(GUILD, ["1"]);
    await store.append(GUILD, entry as never); // the same upsert, replayed late
    expect(await open().search(GUILD, "apple", { limit: 10 })).toEqual([]);
  });

  it("folds its log into a snapshot that a new container loads the same", async () => {
    const { store, index, open } = setup({ compactAfter: 3 });
    for (let i = 1; i <= 4; i++) await index.upsert(GUILD, [doc(String(i), `topic${i} shared`)]);
    expect(store.entryCount(GUILD)).toBe(1);
    const fresh = open();
    expect((await fresh.search(GUILD, "shared", { limit: 10 })).length).toBe(4);
    expect((await fresh.indexed(GUILD, ["3"])).get("3")).toMatchObject({
      contentHash: "h3",
      chunkIds: ["20:3:0"],
    });
  });

  it("compacts again only once the log has changed half as many messages as the snapshot holds", async () => {
    const { store, index } = setup({ compactAfter: 1 });
    const docs = Array.from({ length: 10 }, (_, i) => doc(String(100 + i), `topic${i} shared`));
    await index.upsert(GUILD, docs);
    expect(store.entryCount(GUILD)).toBe(0);
    for (let i = 1; i <= 4; i++) await index.upsert(GUILD, [doc(String(200 + i), "later")]);
    expect(store.entryCount(GUILD)).toBe(4);
    await index.upsert(GUILD, [doc("205", "later")]);
    expect(store.entryCount(GUILD)).toBe(0);
  });

  it("sees what another writer appended since its last read", async () => {
    const { index, open } = setup();
    await index.search(GUILD, "warm up", { limit: 1 });
    await open().upsert(GUILD, [doc("5", "written elsewhere")]);
    expect((await index.search(GUILD, "elsewhere", { limit: 1 })).map((hit) => hit.messageId)).toEqual(["5"]);
  });

  it("shares one read of the log between calls made while it is in flight", async () => {
    const { store, open } = setup();
    await open().upsert(GUILD, [doc("6", "shared refresh")]);
    const index = open();
    await index.search(GUILD, "warm up", { limit: 1 });
    let reads = 0;
    const read = store.read.bind(store);
    store.read = (...args) => {
      reads++;
      return read(...args);
    };
    const [hits] = await Promise.all([
      index.search(GUILD, "shared", { limit: 1 }),
      index.corpusVectors(GUILD, ["shared"]),
    ]);
    expect(hits.map((hit) => hit.messageId)).toEqual(["6"]);
    expect(reads).toBe(1);
    await index.search(GUILD, "shared", { limit: 1 });
    expect(reads).toBe(2);
  });
});

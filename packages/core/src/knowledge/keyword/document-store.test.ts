import { GUILD } from "@megawatts/testing/knowledge";
import { fakePorts } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { createDocumentKeywordStore } from "./document-store.ts";
import { createKeywordIndex } from "./keyword-index.ts";
import type { KeywordLogEntry, KeywordSnapshot } from "./ports.ts";
import { derivedTermKeys } from "./term-keys.ts";

function setup() {
  const services = fakePorts();
  const store = createDocumentKeywordStore({
    documents: services.data.documents,
    classes: services.data.classes,
  });
  return { services, store };
}

const bigEntry = (seq: string): KeywordLogEntry => ({
  seq,
  upserts: Array.from({ length: 4_000 }, (_, i) => ({
    messageId: String(1_000 + i),
    channelId: "2",
    authorId: "3",
    createdAt: i,
    contentHash: "h".repeat(64),
    chunks: [{ id: `2:${1_000 + i}:0`, length: 2, terms: { aaaaaaaaaaaa: 1, bbbbbbbbbbbb: 1 } }],
  })),
});

const emptySnapshot = (seq: string): KeywordSnapshot => ({
  seq,
  messages: [],
  deletedMessages: {},
  deletedAuthors: {},
});

describe("the warm-tier keyword store", () => {
  it("splits an entry over the item size limit into parts and reads it back whole", async () => {
    const { services, store } = setup();
    await store.append(GUILD, bigEntry("01A"));
    const parts = [...services.store.items.values()].filter((item) => item.sk.startsWith("KW#LOG#01A#"));
    expect(parts.length).toBeGreaterThan(1);
    expect((await store.read(GUILD)).entries[0]?.upserts).toHaveLength(4_000);
  });

  it("leaves out an entry one of whose parts is missing (still being written)", async () => {
    const { services, store } = setup();
    await store.append(GUILD, bigEntry("01A"));
    await services.store.delete({ pk: `G#${GUILD}`, sk: "KW#LOG#01A#1" });
    expect((await store.read(GUILD)).entries).toEqual([]);
  });

  it("refuses a compaction built on a snapshot another writer has replaced, keeping its entries", async () => {
    const { store } = setup();
    await store.append(GUILD, { seq: "01A", deleteMessages: ["1"] });
    expect(await store.compact(GUILD, emptySnapshot("01A"), ["01A"], undefined)).toBe(true);
    await store.append(GUILD, { seq: "01B", deleteMessages: ["2"] });
    expect(await store.compact(GUILD, emptySnapshot("01B"), ["01B"], undefined)).toBe(false);
    expect(await store.read(GUILD)).toMatchObject({ snapshot: { seq: "01A" }, entries: [{ seq: "01B" }] });
  });

  it("keeps the first sealed term key when two writers race to store one", async () => {
    const { store } = setup();
    const sealed = (ct: string) => ({
      v: 1 as const,
      alg: "A256GCM" as const,
      tenant: GUILD,
      subject: "guild",
      iv: "aaaaaaaaaaaaaaaa",
      tag: "aaaaaaaaaaaaaaaaaaaaaa==",
      ct,
    });
    await store.putKeyIfAbsent(GUILD, sealed("Zmlyc3Q="));
    expect(await store.putKeyIfAbsent(GUILD, sealed("c2Vjb25k"))).toMatchObject({ ct: "Zmlyc3Q=" });
  });

  it("reads again neither the snapshot nor the tail entries the caller holds", async () => {
    const { services, store } = setup();
    await store.append(GUILD, { seq: "01A", deleteMessages: ["1"] });
    await store.compact(GUILD, emptySnapshot("01A"), [], undefined);
    await store.append(GUILD, { seq: "01B", deleteMessages: ["2"] });
    const bodiesRead: string[] = [];
    const query = services.data.documents.query.bind(services.data.documents);
    services.data.documents.query = (pk, options) => {
      const sk = options?.sk;
      if (sk && "prefix" in sk) bodiesRead.push(sk.prefix);
      return query(pk, options);
    };
    const read = await store.read(GUILD, "0", { snapshot: "01A", entries: new Set(["01A"]) });
    expect(read).toEqual({ entries: [{ seq: "01B", deleteMessages: ["2"] }] });
    expect(bodiesRead).toEqual(["KW#LOG#01B#"]);
  });

  it("splits a large snapshot into parts, and a later compaction deletes them and the entries it covers", async () => {
    const { services, store } = setup();
    const keywordItems = (prefix: string) =>
      [...services.store.items.values()].filter((item) => item.sk.startsWith(prefix));
    await store.append(GUILD, bigEntry("01A"));
    const big = {
      ...emptySnapshot("01A"),
      messages: (bigEntry("01A").upserts ?? []).map((m) => ({ ...m, seq: "01A" })),
    };
    expect(await store.compact(GUILD, big, ["01A"], undefined)).toBe(true);
    expect(keywordItems("KW#SNAPPART#").length).toBeGreaterThan(1);
    expect((await store.read(GUILD)).snapshot?.messages).toHaveLength(4_000);
    await store.append(GUILD, { seq: "01B", deleteMessages: ["1000"] });
    expect(await store.compact(GUILD, emptySnapshot("01B"), ["01B"], "01A")).toBe(true);
    expect(keywordItems("KW#SNAPPART#")).toHaveLength(1);
    expect([...keywordItems("KW#LOG#"), ...keywordItems("KW#SEQ#")]).toEqual([]);
  });

  it("deletes on compaction an entry written without a marker", async () => {
    const { services, store } = setup();
    await store.append(GUILD, { seq: "01A", deleteMessages: ["1"] });
    await services.store.delete({ pk: `G#${GUILD}`, sk: "KW#SEQ#01A#" });
    expect(await store.compact(GUILD, emptySnapshot("01A"), ["01A"], undefined)).toBe(true);
    expect([...services.store.items.values()].filter((item) => item.sk.startsWith("KW#LOG#"))).toEqual([]);
  });

  it("lets a container that loaded before another one compacted see everything after", async () => {
    const { store } = setup();
    const doc = (id: string) => ({
      messageId: id,
      channelId: "2",
      authorId: "3",
      createdAt: 1,
      contentHash: id,
      chunks: [{ id: `2:${id}:0`, text: `word${id}` }],
    });
    const a = createKeywordIndex({ store, termKeys: derivedTermKeys("k") });
    const b = createKeywordIndex({ store, termKeys: derivedTermKeys("k"), compactAfter: 1 });
    await a.upsert(GUILD, [doc("1")]);
    await b.upsert(GUILD, [doc("2")]);
    expect((await store.read(GUILD)).entries).toEqual([]);
    expect((await a.search(GUILD, "word1 word2", { limit: 5 })).map((hit) => hit.messageId).sort()).toEqual([
      "1",
      "2",
    ]);
  });
});

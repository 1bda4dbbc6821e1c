// Building blocks for the knowledge feature's unit tests: a small deterministic embedder, an
// exact in-memory vector index and deps wired on in-memory stores. Not for production use.
import {
  cachedEmbeddingModel,
  createEnvelope,
  createKeywordIndex,
  createMemoryCache,
  createMemoryEmbeddingStore,
  createMemoryKeywordStore,
  createMemoryMessages,
  derivedTermKeys,
  type EmbeddingModel,
  type KnowledgeDeps,
  type KnowledgeMessage,
  type KnowledgeServices,
  matchesVectorFilter,
  staticOptOuts,
  tenantCache,
  type VectorIndex,
  type VectorMatch,
  type VectorRecord,
  words,
} from "@megawatts/core";
import { FakeKeyService, InMemorySubjectKeyStore } from "./crypto-fakes.ts";

export const GUILD = "81384788765712384";
export const OTHER_GUILD = "81384788765712399";

/** Words hashed into 64 dimensions: texts that share words are close, nothing else is. */
export function wordEmbedder(): EmbeddingModel & { calls: string[][] } {
  const calls: string[][] = [];
  const vector = (text: string) => {
    const out = new Float32Array(64);
    for (const word of words(text)) {
      let hash = 7;
      for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
      out[hash % 64] = (out[hash % 64] ?? 0) + 1;
    }
    if (out.every((value) => value === 0)) out[0] = 1;
    return out;
  };
  return {
    id: "test:words",
    dimensions: 64,
    calls,
    async embed(texts) {
      calls.push([...texts]);
      return { vectors: texts.map(vector), tokens: texts.reduce((sum, text) => sum + words(text).length, 0) };
    },
  };
}

/** An exact cosine index in a map per namespace, with the port's filter semantics. */
export function memoryVectorIndex(): VectorIndex & { records(namespace: string): VectorRecord[] } {
  const spaces = new Map<string, Map<string, VectorRecord>>();
  const space = (namespace: string) => {
    const records = spaces.get(namespace) ?? new Map<string, VectorRecord>();
    spaces.set(namespace, records);
    return records;
  };
  const cosine = (a: Float32Array, b: Float32Array) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    a.forEach((value, i) => {
      dot += value * (b[i] ?? 0);
      na += value * value;
      nb += (b[i] ?? 0) ** 2;
    });
    return dot / (Math.sqrt(na * nb) || 1);
  };
  return {
    async upsert(namespace, records) {
      for (const record of records) space(namespace).set(record.id, record);
    },
    async query(namespace, vector, { topK, filter }): Promise<VectorMatch[]> {
      return [...space(namespace).values()]
        .filter((record) => matchesVectorFilter(record.metadata, filter))
        .map((record) => ({ id: record.id, score: cosine(vector, record.vector), metadata: record.metadata }))
        .sort((a, b) => b.score - a.score)
        .slice(0, topK);
    },
    async delete(namespace, ids) {
      for (const id of ids) space(namespace).delete(id);
    },
    async deleteByFilter(namespace, filter) {
      const gone = [...space(namespace).values()].filter(
        (record) =>
          (!filter.authorId || record.metadata.authorId === filter.authorId) &&
          (!filter.channelId || record.metadata.channelId === filter.channelId),
      );
      for (const record of gone) space(namespace).delete(record.id);
      return gone.length;
    },
    records: (namespace) => [...space(namespace).values()],
  };
}

/** Knowledge deps on in-memory stores, with the fakes exposed for assertions. */
export function testDeps(options: { optedOut?: string[] } = {}) {
  const model = wordEmbedder();
  const keys = new FakeKeyService();
  const envelope = createEnvelope({ keys, store: new InMemorySubjectKeyStore() });
  const keywordStore = createMemoryKeywordStore();
  const hot = createMemoryCache();
  const messages = createMemoryMessages();
  const vectors = memoryVectorIndex();
  const embeddings = cachedEmbeddingModel(model, createMemoryEmbeddingStore());
  const deps = {
    embeddings,
    vectors,
    keywords: createKeywordIndex({ store: keywordStore, termKeys: derivedTermKeys("test"), envelope }),
    optOuts: staticOptOuts(options.optedOut),
    messages,
    sink: messages,
    cache: { tenant: (guildId: string) => tenantCache(hot, guildId) },
    envelope,
  } satisfies KnowledgeDeps;
  return { deps, model, keywordStore, hot, keys, vectors, messages };
}

let nextId = 1_200_000_000_000_000_000n;

/** A message with a fresh snowflake id; `createdAt` defaults to 1 Jan 2026 plus the id order. */
export function message(content: string, over: Partial<KnowledgeMessage> = {}): KnowledgeMessage {
  nextId += 1n;
  return {
    id: nextId.toString(),
    channelId: "81384788765712385",
    authorId: "80351110224678912",
    createdAt: Date.UTC(2026, 0, 1) + Number(nextId % 1_000_000n) * 1_000,
    content,
    ...over,
  };
}

/**
 * The knowledge port on in-memory stores, for plugin tests whose handlers need it.
 *
 * @example
 * await jobHandler(memoryWorker, { ...fakePorts(), knowledge: fakeKnowledge() }, "memory.remember")(context);
 */
export function fakeKnowledge(options: { optedOut?: string[] } = {}): KnowledgeServices & {
  kit: ReturnType<typeof testDeps>;
} {
  const kit = testDeps(options);
  return { kit, deps: async () => kit.deps, vectors: "local", chat: false };
}

import { createHashEmbedder, openLocalVectorIndex } from "@megawatts/ai/local";
import {
  cachedEmbeddingModel,
  createKeywordIndex,
  createMemoryCache,
  createMemoryKeywordStore,
  derivedTermKeys,
  type EmbeddingModel,
  embeddingStoreOnCache,
  ingestMessages,
  type KnowledgeDeps,
  type KnowledgeMessage,
  messageVectorId,
  staticOptOuts,
  tenantCache,
} from "@megawatts/core";
import { loadFixtures } from "@megawatts/knowledge-eval";
import type { Section } from "./lib/section.ts";

const GUILD = "900000000000000010";
const COPIES = 10; // the 300-message labelled server, ten times over with distinct text: 3,000 messages
const BATCH = 200;
const CHANNEL = "401000000000000002"; // #help of the labelled server

/** The labelled server repeated with distinct ids and text, so nothing is a duplicate or a cache hit. */
async function corpus(): Promise<KnowledgeMessage[]> {
  const { messages } = await loadFixtures();
  return Array.from({ length: COPIES }, (_, copy) =>
    messages.map((message, i) => ({
      ...message,
      id: String(1_300_000_000_000_000_000n + BigInt(copy * 10_000 + i)),
      content: `${message.content} (${copy})`,
      ...(message.replyToId
        ? {
            replyToId: String(
              1_300_000_000_000_000_000n +
                BigInt(copy * 10_000 + messages.findIndex((m) => m.id === message.replyToId)),
            ),
          }
        : {}),
    })),
  ).flat();
}

async function knowledgeDeps(embeddings: EmbeddingModel): Promise<KnowledgeDeps> {
  return {
    embeddings,
    vectors: await openLocalVectorIndex({ scan: "js" }),
    keywords: createKeywordIndex({ store: createMemoryKeywordStore(), termKeys: derivedTermKeys("bench") }),
    optOuts: staticOptOuts(),
  };
}

async function ingestAll(deps: KnowledgeDeps, messages: readonly KnowledgeMessage[]) {
  const started = performance.now();
  for (let start = 0; start < messages.length; start += BATCH) {
    await ingestMessages(deps, GUILD, messages.slice(start, start + BATCH));
  }
  return performance.now() - started;
}

/** Baseline: embed each message's raw text and upsert one vector, nothing else. */
async function embedAndUpsert(messages: readonly KnowledgeMessage[]) {
  const model = createHashEmbedder();
  const index = await openLocalVectorIndex({ scan: "js" });
  const started = performance.now();
  for (let start = 0; start < messages.length; start += BATCH) {
    const batch = messages.slice(start, start + BATCH);
    const { vectors } = await model.embed(batch.map((message) => message.content));
    await index.upsert(
      GUILD,
      batch.map((message, i) => ({
        id: messageVectorId(message.channelId, message.id, 0),
        vector: vectors[i] as Float32Array,
        metadata: {
          guildId: GUILD,
          channelId: message.channelId,
          authorId: message.authorId,
          createdAt: message.createdAt,
          kind: "message",
        },
      })),
    );
  }
  return performance.now() - started;
}

/** Re-indexes one channel into fresh indexes, with and without the hot-tier embedding cache. */
async function reindexChannel(messages: readonly KnowledgeMessage[]) {
  const channel = messages.filter((message) => message.channelId === CHANNEL);
  const hot = tenantCache(createMemoryCache({ maxEntries: 50_000 }), GUILD);
  const cached = cachedEmbeddingModel(
    createHashEmbedder(),
    embeddingStoreOnCache(hot, { ttlSeconds: 7 * 86_400 }),
  );
  await ingestAll(await knowledgeDeps(cached), channel);
  const before = cached.stats();
  const ms = await ingestAll(await knowledgeDeps(cached), channel);
  const after = cached.stats();
  const hits = after.hits - before.hits;
  const misses = after.misses - before.misses;
  const counting = cachedEmbeddingModel(
    createHashEmbedder(),
    embeddingStoreOnCache(tenantCache(createMemoryCache(), GUILD), { ttlSeconds: 60 }),
  );
  const uncachedMs = await ingestAll(await knowledgeDeps(counting), channel);
  return {
    channel: channel.length,
    hitRatio: (hits / Math.max(1, hits + misses)) * 100,
    misses,
    ms,
    uncachedMs,
    texts: counting.stats().misses,
  };
}

export const knowledgeIngest: Section = {
  id: "knowledge",
  title:
    "Knowledge ingestion: the labelled server ×10 through ingestMessages (local embedder, local vector index, keyword index)",
  async run() {
    const messages = await corpus();
    const fullMs = await ingestAll(await knowledgeDeps(createHashEmbedder()), messages);
    const bareMs = await embedAndUpsert(messages);
    const reindex = await reindexChannel(messages);
    const rate = (ms: number, count: number) => count / (ms / 1000);
    return {
      figures: [
        {
          name: "ingest throughput, end to end",
          unit: "msg/s",
          measured: rate(fullMs, messages.length),
          baseline: rate(bareMs, messages.length),
          digits: 0,
        },
        {
          name: "embedding-cache hit ratio, re-indexing #help",
          unit: "%",
          measured: reindex.hitRatio,
          baseline: 0,
          target: { atLeast: 99 },
        },
        {
          name: "texts sent to the embedder on re-index",
          unit: "texts",
          measured: reindex.misses,
          baseline: reindex.texts,
          digits: 0,
        },
        {
          name: `re-index time for #help (${reindex.channel.toLocaleString("en-US")} msgs)`,
          unit: "ms",
          measured: reindex.ms,
          baseline: reindex.uncachedMs,
        },
      ],
      notes: [
        `throughput: ${messages.length.toLocaleString("en-US")} distinct messages in batches of ${BATCH}: normalise, chunk, dedupe, embed, vector upsert, keyword upsert; baseline: embed the raw text and upsert one vector per message, nothing else`,
        "re-index: #help indexed once, then again into fresh keyword and vector indexes with the embedding cache on a tenant view of the hot tier (in memory); baseline: the same re-index with an empty cache",
        "the embeddings section measures the cache alone over the OpenAI adapter; this one measures it inside ingestion",
      ],
    };
  },
};

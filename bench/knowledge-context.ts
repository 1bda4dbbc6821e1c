import { createHashEmbedder, openLocalVectorIndex } from "@megawatts/ai/local";
import {
  type ContextOptions,
  cachedEmbeddingModel,
  corpusEmbeddingModel,
  createKeywordIndex,
  createMemoryEmbeddingStore,
  createMemoryKeywordStore,
  DEFAULT_SETTINGS,
  derivedTermKeys,
  ingestMessages,
  type KnowledgeDeps,
  type KnowledgeMessage,
  type SearchMode,
  search,
  staticOptOuts,
} from "@megawatts/core";
import { loadFixtures } from "@megawatts/knowledge-eval";
import type { Section } from "./lib/section.ts";
import { percentile } from "./lib/stats.ts";

const GUILD = "900000000000000011";
const COPIES = 10;
const BATCH = 100; // a backfill page
const DAY = 86_400_000;
/** The indexing before conversation context: a reply carried only the message it answers. */
const REPLY_ONLY: ContextOptions = { neighbours: 0, turnWindowMs: 0 };

/** The labelled server ten times over, each copy 40 days after the last, so conversations never mix. */
async function corpus(): Promise<{ messages: KnowledgeMessage[]; queries: string[] }> {
  const { messages, queries } = await loadFixtures();
  const id = (copy: number, i: number) => String(1_300_000_000_000_000_000n + BigInt(copy * 10_000 + i));
  const index = new Map(messages.map((message, i) => [message.id, i]));
  const copies = Array.from({ length: COPIES }, (_, copy) =>
    messages.map((message, i) => {
      const parent = message.replyToId === undefined ? undefined : index.get(message.replyToId);
      return {
        ...message,
        id: id(copy, i),
        createdAt: message.createdAt + copy * 40 * DAY,
        content: `${message.content} (${copy})`,
        ...(parent === undefined ? {} : { replyToId: id(copy, parent) }),
      };
    }),
  );
  return { messages: copies.flat(), queries: queries.map((query) => query.query) };
}

interface Setup {
  context: ContextOptions;
  embedder: "hash" | "corpus";
}

async function indexed(messages: readonly KnowledgeMessage[], setup: Setup) {
  const hashed = cachedEmbeddingModel(
    createHashEmbedder(),
    createMemoryEmbeddingStore({ maxEntries: 50_000 }),
  );
  const keywords = createKeywordIndex({
    store: createMemoryKeywordStore(),
    termKeys: derivedTermKeys("bench"),
  });
  const embeddings = setup.embedder === "corpus" ? corpusEmbeddingModel(hashed, keywords) : hashed;
  const deps: KnowledgeDeps = {
    embeddings,
    vectors: await openLocalVectorIndex({ scan: "js", dimensions: embeddings.dimensions }),
    keywords,
    optOuts: staticOptOuts(),
    settings: { context: setup.context },
  };
  const started = performance.now();
  let chunks = 0;
  for (let start = 0; start < messages.length; start += BATCH) {
    chunks += (await ingestMessages(deps, GUILD, messages.slice(start, start + BATCH))).chunks;
  }
  return { deps, ms: performance.now() - started, chunks };
}

async function searchTimes(deps: KnowledgeDeps, queries: readonly string[], mode: SearchMode) {
  for (const query of queries.slice(0, 5)) await search(deps, { guildId: GUILD, query, mode }); // warm-up
  const times: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await search(deps, { guildId: GUILD, query, mode });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export const knowledgeContext: Section = {
  id: "knowledge-context",
  title:
    "Knowledge with conversation context: the labelled server ×10 indexed with context and the corpus-learned embedder, beside the indexing before it",
  async run() {
    const { messages, queries } = await corpus();
    const before = await indexed(messages, { context: REPLY_ONLY, embedder: "hash" });
    const contextOnly = await indexed(messages, { context: {}, embedder: "hash" });
    const shipped = await indexed(messages, { context: {}, embedder: "corpus" });
    const rate = (ms: number) => messages.length / (ms / 1000);
    const mode = DEFAULT_SETTINGS.defaultMode;
    const now = await searchTimes(shipped.deps, queries, mode);
    const then = await searchTimes(before.deps, queries, "keyword");
    const keywordNow = await searchTimes(shipped.deps, queries, "keyword");
    return {
      figures: [
        {
          name: "ingest throughput, context + corpus embedder",
          unit: "msg/s",
          measured: rate(shipped.ms),
          baseline: rate(before.ms),
          digits: 0,
        },
        {
          name: "ingest throughput, context, hashed embedder",
          unit: "msg/s",
          measured: rate(contextOnly.ms),
          baseline: rate(before.ms),
          digits: 0,
        },
        {
          name: "chunks indexed",
          unit: "chunks",
          measured: shipped.chunks,
          baseline: before.chunks,
          digits: 0,
        },
        {
          name: `search p50, default (${mode})`,
          unit: "ms",
          measured: percentile(now, 50),
          baseline: percentile(then, 50),
          digits: 2,
        },
        {
          name: `search p95, default (${mode})`,
          unit: "ms",
          measured: percentile(now, 95),
          baseline: percentile(then, 95),
          digits: 2,
        },
        {
          name: "search p50, keyword",
          unit: "ms",
          measured: percentile(keywordNow, 50),
          baseline: percentile(then, 50),
          digits: 2,
        },
        {
          name: "search p95, keyword",
          unit: "ms",
          measured: percentile(keywordNow, 95),
          baseline: percentile(then, 95),
          digits: 2,
        },
      ],
      notes: [
        `${messages.length.toLocaleString("en-US")} messages in batches of ${BATCH} (a backfill page), all in memory (exact JS vector scan, memory keyword store); each copy of the server is 40 days after the previous one`,
        "baseline: the indexing before, in the same run: a reply carries only the message it answers, hashed n-gram embedder, searched by keyword (the default before)",
        `search: the ${queries.length} labelled queries, once each after 5 warm-up searches; the default mode embeds the query (hashed n-grams + corpus vector) and scans every vector`,
      ],
    };
  },
};

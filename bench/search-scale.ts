// Search at scale: a server of 100,000 messages ingested through the real path (the knowledge
// services as every runtime builds them) into the warm-tier keyword index on DynamoDB Local and
// the local vector index, then keyword and hybrid search with the index loaded, and the time a
// fresh container takes to load the guild.

import { type LocalVectorIndex, openLocalVectorIndex } from "@megawatts/ai/local-vector-index";
import {
  createDataServices,
  createDocumentKeywordStore,
  createEnvelope,
  createKeywordIndex,
  createMemoryCache,
  createMemoryKeywordStore,
  type DataServices,
  DEFAULT_SETTINGS,
  ingestMessages,
  type KnowledgeDeps,
  type KnowledgeMessage,
  SealedSchema,
  type SearchMode,
  sealedTermKeys,
  search,
  tenantCache,
  tenantPk,
} from "@megawatts/core";
import { createKnowledgeServices } from "@megawatts/runtime/knowledge";
import { DynamoDocumentStore } from "@megawatts/storage/dynamodb";
import { S3BlobStore } from "@megawatts/storage/s3";
import { FakeKeyService, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { type DataStandIns, startDataStandIns } from "./lib/data-stand-ins.ts";
import type { Section } from "./lib/section.ts";
import { makeServerText } from "./lib/server-text.ts";
import { percentile } from "./lib/stats.ts";
import type { Figure } from "./lib/table.ts";

const GUILD = "900000000000000014";
const COUNT = 100_000;
const FIRST = 10_000;
const BATCH = 100; // a backfill page
const WARMUP = 10;
const TARGET = { p50: 50, p95: 100 }; // the design's message-retrieval target, ms

/** The guild's keys outlive a container, as KMS and the key table do. */
const envelope = createEnvelope({ keys: new FakeKeyService(), store: new InMemorySubjectKeyStore() });

function dataServices(standIns: DataStandIns): DataServices {
  const { clients, resources } = standIns;
  return createDataServices({
    store: new DynamoDocumentStore({ client: clients.dynamodb, tableName: resources.tableName }),
    blobs: new S3BlobStore({ client: clients.s3, bucket: resources.bucketName }),
    isSealed: (value) => SealedSchema.safeParse(value).success,
  });
}

/**
 * The knowledge deps a fresh container builds, with the local vector index in memory, and
 * without storing message text (so results carry no snippet; see the notes).
 */
async function container(data: DataServices): Promise<KnowledgeDeps & { vectors: LocalVectorIndex }> {
  const memory = createMemoryCache();
  const cache = { tenant: (id: string) => tenantCache(memory, id) };
  const built = await createKnowledgeServices({ data, envelope, cache }, {}).deps();
  const { sink: _sink, messages: _messages, ...deps } = built;
  const vectors = await openLocalVectorIndex({ dimensions: deps.embeddings.dimensions });
  return { ...deps, vectors };
}

async function ingest(deps: KnowledgeDeps, messages: readonly KnowledgeMessage[]) {
  const started = performance.now();
  for (let start = 0; start < messages.length; start += BATCH) {
    await ingestMessages(deps, GUILD, messages.slice(start, start + BATCH));
  }
  return messages.length / ((performance.now() - started) / 1000);
}

/**
 * Keyword search through `search()` beside BM25 over the same index held in memory (the
 * guild's log read once into a memory store), which is let go afterwards.
 */
async function keywordTimes(deps: KnowledgeDeps, data: DataServices, queries: readonly string[]) {
  const twin = await inMemoryTwin(data);
  return interleaved(
    queries,
    (query) => search(deps, { guildId: GUILD, query, mode: "keyword" }),
    (query) => twin.search(GUILD, query, { limit: DEFAULT_SETTINGS.candidates }),
  );
}

async function inMemoryTwin(data: DataServices) {
  const store = createDocumentKeywordStore({ documents: data.documents, classes: data.classes });
  const { snapshot, entries } = await store.read(GUILD);
  const memory = createMemoryKeywordStore();
  if (snapshot) await memory.compact(GUILD, snapshot, [], undefined);
  for (const entry of entries) await memory.append(GUILD, entry);
  return createKeywordIndex({ store: memory, termKeys: sealedTermKeys({ envelope, store }) });
}

/** Times two ways of answering each query, interleaved in ABBA order after a warm-up. */
async function interleaved(queries: readonly string[], a: (q: string) => Promise<unknown>, b: typeof a) {
  const times = { a: [] as number[], b: [] as number[] };
  const timed = async (run: typeof a, query: string, into: number[], keep: boolean) => {
    const started = performance.now();
    await run(query);
    if (keep) into.push(performance.now() - started);
  };
  for (const [i, query] of queries.entries()) {
    const keep = i >= WARMUP;
    if (i % 2 === 0) {
      await timed(a, query, times.a, keep);
      await timed(b, query, times.b, keep);
    } else {
      await timed(b, query, times.b, keep);
      await timed(a, query, times.a, keep);
    }
  }
  return { a: times.a.sort((x, y) => x - y), b: times.b.sort((x, y) => x - y) };
}

const latencyRows = (name: string, measured: number[], baseline: number[]): Figure[] =>
  (["p50", "p95"] as const).map((stat) => ({
    name: `${name} ${stat}`,
    unit: "ms",
    measured: percentile(measured, stat === "p50" ? 50 : 95),
    baseline: percentile(baseline, stat === "p50" ? 50 : 95),
    target: { atMost: TARGET[stat] },
    digits: 1,
  }));

/** A fresh container's first keyword search (term key, snapshot and log read, index built). */
async function coldLoad(data: DataServices, query: string) {
  const started = performance.now();
  const fresh = await container(data);
  await search(fresh, { guildId: GUILD, query, mode: "keyword" });
  return performance.now() - started;
}

/** Reading the guild's keyword items alone, as stored: the floor under loading them. */
async function rawRead(data: DataServices) {
  const started = performance.now();
  let cursor: string | undefined;
  let bytes = 0;
  do {
    const page = await data.documents.query(tenantPk(GUILD), {
      sk: { prefix: "KW#" },
      consistent: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) bytes += String(item.data.body ?? "").length;
    cursor = page.cursor;
  } while (cursor);
  return { ms: performance.now() - started, bytes };
}

export const searchScale: Section = {
  id: "search-scale",
  title: `Search at scale: ${COUNT.toLocaleString("en-US")} messages in the warm-tier keyword index on DynamoDB Local and the local vector index`,
  async run() {
    const standIns = await startDataStandIns("search-scale");
    try {
      const data = dataServices(standIns);
      const { messages, queries } = makeServerText({
        count: COUNT,
        channels: 40,
        topics: 120,
        authors: 2_000,
      });
      const deps = await container(data);
      const firstRate = await ingest(deps, messages.slice(0, FIRST));
      const restRate = await ingest(deps, messages.slice(FIRST));
      const rate = COUNT / (FIRST / firstRate + (COUNT - FIRST) / restRate);
      const keyword = await keywordTimes(deps, data, queries);
      const asked = (mode: SearchMode) => (query: string) => search(deps, { guildId: GUILD, query, mode });
      const hybrid = await interleaved(queries, asked("hybrid"), asked("keyword"));
      const vectorCount = await deps.vectors.count(GUILD);
      const raw = await rawRead(data);
      const cold = await coldLoad(data, queries[0] ?? "");
      return {
        figures: [
          { name: "ingest, 100k messages", unit: "msg/s", measured: rate, baseline: firstRate, digits: 0 },
          ...latencyRows("keyword search", keyword.a, keyword.b),
          ...latencyRows("hybrid search", hybrid.a, hybrid.b),
          { name: "cold load of the guild", unit: "ms", measured: cold, baseline: raw.ms, digits: 0 },
        ],
        notes: [
          `${COUNT.toLocaleString("en-US")} generated messages (40 channels, 120 topics, 2,000 members, 3 to 400 words, one in six a reply), ingested with ingestMessages in pages of ${BATCH} through the knowledge services as the runtimes build them (opt-out reads, context chunks, the corpus embedder, the warm-tier keyword index on DynamoDB Local, the local vector index in memory); message text is not stored (the Remember path's per-message writes are a separate cost)`,
          `ingest baseline: the first ${FIRST.toLocaleString("en-US")} messages of the same run; building 100k takes several minutes on 2 cores`,
          `search: ${queries.length - WARMUP} queries of one to three words after ${WARMUP} warm-up, through search() with the index loaded; each call first refreshes the guild from the table once (the snapshot pointer's GetItem and the Query of the log tail's markers, side by side; the keyword and vector halves of a hybrid search share it); keyword baseline: BM25 over the same index held in memory (no warm-tier read, no result assembly), interleaved`,
          `hybrid: the query embedded by the corpus embedder, an exact scan of all ${vectorCount.toLocaleString("en-US")} vectors (${deps.embeddings.dimensions} dimensions, ${deps.vectors.engine}) for the nearest ${DEFAULT_SETTINGS.candidates * 3} (three times the candidates each half ranks), run beside the keyword half and fused by reciprocal rank; baseline: keyword search in the same container, interleaved`,
          `cold load: a fresh container's first keyword search; baseline: reading the guild's ${(raw.bytes / 1e6).toFixed(0)} MB of keyword items from DynamoDB Local alone`,
        ],
      };
    } finally {
      await standIns.close();
    }
  },
};

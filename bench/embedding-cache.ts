import { createOpenAiEmbeddings } from "@megawatts/ai/openai";
import { cachedEmbeddingModel, createMemoryEmbeddingStore, type EmbeddingModel } from "@megawatts/core";
import { type OpenAiTestServer, startOpenAiTestServer } from "@megawatts/testing/openai-server";
import OpenAI from "openai";
import type { Section } from "./lib/section.ts";

const MESSAGES = 2_000;
// Ingestion embeds a page of messages at a time.
const PAGE = 100;
const DIMENSIONS = 512;

const SUBJECTS = ["the deploy", "login", "the staging server", "the new build", "lunch", "the release notes"];
const VERBS = ["broke", "fixed", "is slow on", "needs a review of", "moved", "asked about"];

/** 2,000 deterministic chat lines, all different. */
function messages(): string[] {
  return Array.from({ length: MESSAGES }, (_, i) => {
    const subject = SUBJECTS[i % SUBJECTS.length];
    const verb = VERBS[Math.floor(i / SUBJECTS.length) % VERBS.length];
    return `message ${i}: ${subject} ${verb} channel ${i % 17} since ${i % 24}:00, see thread ${i * 7}`;
  });
}

async function embedAll(model: EmbeddingModel, texts: string[]) {
  const started = performance.now();
  let tokens = 0;
  for (let start = 0; start < texts.length; start += PAGE) {
    tokens += (await model.embed(texts.slice(start, start + PAGE))).tokens;
  }
  return { tokens, ms: performance.now() - started };
}

const embeddingRequests = (server: OpenAiTestServer) =>
  server.requests.filter((request) => request.path === "/v1/embeddings").length;

export const embeddingCache: Section = {
  id: "embeddings",
  title: `Embedding cache: re-embedding the same ${MESSAGES.toLocaleString("en-US")} messages through the OpenAI adapter (OpenAI-protocol server on loopback)`,
  async run() {
    const server = await startOpenAiTestServer();
    try {
      const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 0 });
      const openai = createOpenAiEmbeddings({ client, dimensions: DIMENSIONS });
      const cached = cachedEmbeddingModel(openai, createMemoryEmbeddingStore({ maxEntries: 10_000 }));
      const texts = messages();
      await embedAll(cached, texts); // first sight: every message is a miss

      const before = { stats: cached.stats(), requests: embeddingRequests(server) };
      const again = await embedAll(cached, texts);
      const after = cached.stats();
      const requests = embeddingRequests(server) - before.requests;

      const uncachedFrom = embeddingRequests(server);
      const uncached = await embedAll(openai, texts);
      const uncachedRequests = embeddingRequests(server) - uncachedFrom;

      const hits = after.hits - before.stats.hits;
      const misses = after.misses - before.stats.misses;
      return {
        figures: [
          {
            name: "hit ratio on re-embedding",
            unit: "%",
            measured: (hits / (hits + misses)) * 100,
            baseline: 0,
            target: { atLeast: 99 },
          },
          {
            name: "embedding requests",
            unit: "requests",
            measured: requests,
            baseline: uncachedRequests,
            digits: 0,
          },
          {
            name: "tokens billed",
            unit: "tokens",
            measured: again.tokens,
            baseline: uncached.tokens,
            digits: 0,
          },
          {
            name: `time for ${MESSAGES.toLocaleString("en-US")} messages`,
            unit: "ms",
            measured: again.ms,
            baseline: uncached.ms,
          },
        ],
        notes: [
          `measured: cachedEmbeddingModel over the OpenAI adapter, in-memory store, pages of ${PAGE}, after one pass that filled the cache`,
          "baseline: the same adapter without the cache, on the same messages",
        ],
      };
    } finally {
      await server.close();
    }
  },
};

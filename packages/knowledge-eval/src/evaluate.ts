import { createHashEmbedder, openLocalVectorIndex } from "@megawatts/ai/local";
import {
  type ChatModel,
  type ContextOptions,
  cachedEmbeddingModel,
  corpusEmbeddingModel,
  createKeywordIndex,
  createMemoryEmbeddingStore,
  createMemoryKeywordStore,
  derivedTermKeys,
  ingestMessages,
  type KnowledgeDeps,
  type KnowledgeSettings,
  type SearchMode,
  search,
  staticOptOuts,
} from "@megawatts/core";
import { EVAL_GUILD, type EvalSet, type LabelledQuery, loadFixtures, type QueryKind } from "./fixtures.ts";
import { type ModeScore, meanScores, type QueryScore, scoreRanking } from "./metrics.ts";

/** A way to search that the evaluation scores. */
export interface Variant {
  name: string;
  mode: SearchMode;
  settings?: Partial<KnowledgeSettings>;
}

/** How the labelled server is indexed before the variants run. */
export interface Setup {
  /**
   * `conversation`: each message with its conversation (shipped); `reply`: with the message it
   * replies to only (the engine before conversation context); `off`: each message alone.
   */
  context: "conversation" | "reply" | "off";
  /** The local embedder: hashed n-grams alone, or beside vectors learned from the corpus. */
  embedder: "hash" | "corpus";
  /** A chat model: semantic and hybrid searches then embed a hypothetical answer beside the query. */
  chat?: ChatModel;
}

export const DEFAULT_SETUP: Setup = { context: "conversation", embedder: "corpus" };

const CONTEXT: Record<Setup["context"], ContextOptions> = {
  conversation: {},
  reply: { neighbours: 0, turnWindowMs: 0 },
  off: { enabled: false },
};

export interface VariantResult extends ModeScore {
  variant: Variant;
  /** Queries whose top 10 held none of their relevant messages. */
  missed: string[];
  /** Each query's score, in the fixture's query order. */
  perQuery: QueryScore[];
  /** The means over each kind of query. */
  byKind: Record<QueryKind, ModeScore & { queries: number }>;
}

/** The three modes with the shipped settings, then the fusions compared. */
export const VARIANTS: Variant[] = [
  { name: "keyword", mode: "keyword" },
  { name: "semantic", mode: "semantic" },
  { name: "hybrid", mode: "hybrid" },
  { name: "hybrid rrf k=20", mode: "hybrid", settings: { fusion: { method: "rrf", k: 20 } } },
  { name: "hybrid rrf k=100", mode: "hybrid", settings: { fusion: { method: "rrf", k: 100 } } },
  {
    name: "hybrid weighted 0.3",
    mode: "hybrid",
    settings: { fusion: { method: "weighted", semanticWeight: 0.3 } },
  },
  {
    name: "hybrid weighted 0.5",
    mode: "hybrid",
    settings: { fusion: { method: "weighted", semanticWeight: 0.5 } },
  },
  {
    name: "hybrid rrf, semantic ×2",
    mode: "hybrid",
    settings: { fusion: { method: "rrf", k: 60, weights: [1, 2] } },
  },
];

/**
 * Loads one labelled server into the local pipeline (local embedder, exact local vector
 * index, keyword index, all in memory) through `ingestMessages` in batches of 100, then runs
 * every query through `search` in each variant and scores the top `k`.
 *
 * @example
 * const results = await evaluate("print-farm"); // [{ variant: { name: "keyword", … }, recall: 0.8, mrr: 0.7, ndcg: 0.7, … }, …]
 */
export async function evaluate(
  set: EvalSet = "photo-library",
  variants: readonly Variant[] = VARIANTS,
  setup: Setup = DEFAULT_SETUP,
  k = 10,
): Promise<VariantResult[]> {
  const { messages, queries } = await loadFixtures(set);
  const deps = await loadedDeps(messages, setup);
  const results: VariantResult[] = [];
  for (const variant of variants) {
    const settings = { ...deps.settings, ...variant.settings };
    const scored = await scoreVariant({ ...deps, settings }, variant.mode, queries, k);
    const missed = queries.filter((_, i) => scored[i]?.recall === 0).map((query) => query.id);
    results.push({
      variant,
      ...meanScores(scored),
      missed,
      perQuery: scored,
      byKind: byKind(queries, scored),
    });
  }
  return results;
}

async function loadedDeps(
  messages: Parameters<typeof ingestMessages>[2],
  setup: Setup,
): Promise<KnowledgeDeps> {
  const hashed = cachedEmbeddingModel(createHashEmbedder(), createMemoryEmbeddingStore());
  const keywords = createKeywordIndex({
    store: createMemoryKeywordStore(),
    termKeys: derivedTermKeys("eval"),
  });
  const embeddings = setup.embedder === "corpus" ? corpusEmbeddingModel(hashed, keywords) : hashed;
  const deps: KnowledgeDeps = {
    embeddings,
    vectors: await openLocalVectorIndex({ scan: "js", dimensions: embeddings.dimensions }),
    keywords,
    optOuts: staticOptOuts(),
    settings: { context: CONTEXT[setup.context] },
    ...(setup.chat ? { chat: setup.chat } : {}),
  };
  for (let start = 0; start < messages.length; start += 100) {
    await ingestMessages(deps, EVAL_GUILD, messages.slice(start, start + 100));
  }
  return deps;
}

function byKind(queries: readonly LabelledQuery[], scored: readonly QueryScore[]) {
  const of = (kind: QueryKind) => {
    const picked = scored.filter((_, i) => queries[i]?.kind === kind);
    return { ...meanScores(picked), queries: picked.length };
  };
  return { lexical: of("lexical"), paraphrase: of("paraphrase") };
}

async function scoreVariant(
  deps: KnowledgeDeps,
  mode: SearchMode,
  queries: readonly LabelledQuery[],
  k: number,
): Promise<QueryScore[]> {
  const scores: QueryScore[] = [];
  for (const query of queries) {
    const page = await search(deps, { guildId: EVAL_GUILD, query: query.query, mode, limit: k });
    scores.push(
      scoreRanking(
        page.results.map((result) => result.messageId),
        query.relevant,
        k,
      ),
    );
  }
  return scores;
}

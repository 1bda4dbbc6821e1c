import { createHashEmbedder, openLocalVectorIndex } from "@megawatts/ai/local";
import {
  cachedEmbeddingModel,
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
import { EVAL_GUILD, type LabelledQuery, loadFixtures } from "./fixtures.ts";
import { type ModeScore, meanScores, type QueryScore, scoreRanking } from "./metrics.ts";

/** A way to search that the evaluation scores. */
export interface Variant {
  name: string;
  mode: SearchMode;
  settings?: Partial<KnowledgeSettings>;
}

export interface VariantResult extends ModeScore {
  variant: Variant;
  /** Queries whose top 10 held none of their relevant messages. */
  missed: string[];
  /** Each query's score, in the fixture's query order. */
  perQuery: QueryScore[];
}

/** The three modes with the shipped settings, then the fusions and floors compared. */
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
    name: "hybrid weighted 0.7",
    mode: "hybrid",
    settings: { fusion: { method: "weighted", semanticWeight: 0.7 } },
  },
  {
    name: "hybrid rrf, semantic ×2",
    mode: "hybrid",
    settings: { fusion: { method: "rrf", k: 60, weights: [1, 2] } },
  },
];

/**
 * Loads the labelled server into the local pipeline (hashed n-gram embedder, exact local
 * vector index, keyword index) through `ingestMessages`, then runs every query through
 * `search` in each variant and scores the top `k`.
 *
 * @example
 * const results = await evaluate(); // [{ variant: { name: "keyword", … }, recall: 0.8, mrr: 0.7, missed: [...] }, …]
 */
export async function evaluate(variants: readonly Variant[] = VARIANTS, k = 10): Promise<VariantResult[]> {
  const { messages, queries } = await loadFixtures();
  const deps: KnowledgeDeps = {
    embeddings: cachedEmbeddingModel(createHashEmbedder(), createMemoryEmbeddingStore()),
    vectors: await openLocalVectorIndex({ scan: "js" }),
    keywords: createKeywordIndex({ store: createMemoryKeywordStore(), termKeys: derivedTermKeys("eval") }),
    optOuts: staticOptOuts(),
  };
  for (let start = 0; start < messages.length; start += 100) {
    await ingestMessages(deps, EVAL_GUILD, messages.slice(start, start + 100));
  }
  const results: VariantResult[] = [];
  for (const variant of variants) {
    const scored = await scoreVariant(
      { ...deps, settings: variant.settings ?? {} },
      variant.mode,
      queries,
      k,
    );
    const missed = queries.filter((_, i) => scored[i]?.recall === 0).map((query) => query.id);
    results.push({ variant, ...meanScores(scored), missed, perQuery: scored });
  }
  return results;
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

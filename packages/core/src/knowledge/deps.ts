import type { TenantCaches } from "../cache/ports.ts";
import type { Envelope } from "../crypto/envelope.ts";
import type { Clock, Logger } from "../ports/observability.ts";
import type { ContextOptions } from "./context/conversation.ts";
import type { MessageSink, MessageSource, OptOutCheck } from "./ingest/ports.ts";
import type { KeywordIndex } from "./keyword/keyword-index.ts";
import type { ChatModel, EmbeddingModel, VectorIndex } from "./ports.ts";
import type { RewriteSettings } from "./retrieval/rewrite.ts";
import type { ChunkOptions } from "./text/chunk.ts";

export type SearchMode = "semantic" | "keyword" | "hybrid";

/**
 * Reciprocal rank fusion with constant `k` (larger flattens the top ranks' advantage) and
 * optional per-list weights (default 1 each), or a weighted sum of min-max scaled scores with `semanticWeight` for the vector side.
 */
export type FusionSettings =
  | { method: "rrf"; k: number; weights?: readonly [keyword: number, semantic: number] }
  | { method: "weighted"; semanticWeight: number };

/** Tunables of the knowledge feature; every field has a default chosen by the evaluation. */
export interface KnowledgeSettings {
  /** The mode `search` uses when none is given, and `ask` retrieves with. */
  defaultMode: SearchMode;
  /** How hybrid search merges the keyword and semantic rankings. */
  fusion: FusionSettings;
  /** Candidates each ranking contributes before fusion and paging (caps how deep paging goes). */
  candidates: number;
  chunking: ChunkOptions;
  /** The conversation indexed with each message (reply parent, thread, neighbours, the asker's turn). */
  context: ContextOptions;
  /**
   * Vector matches below this cosine similarity are not quoted by `ask`: without a floor an
   * answer always "finds" its nearest, unrelated, neighbours. Search ranks without it (weak
   * matches simply rank last). Depends on the embedding model.
   */
  minSimilarity: number;
  /** Query rewriting for semantic and hybrid search, when a chat model is configured. */
  rewrite: Partial<RewriteSettings>;
}

/**
 * Chosen by `npm run eval` on two labelled servers with the local embedder (hashed n-grams
 * beside vectors learned from the guild's corpus) and conversation context, cross-validated
 * across the servers: semantic search (94.8 % recall@10, MRR 0.633) beats hybrid with its
 * fusion picked on the other server (92.6 %, 0.645) and keyword (91.9 %, 0.629). When the
 * default is semantic and there is no vector index, or it fails, search answers from keywords
 * and says so. See the eval's README.
 */
export const DEFAULT_SETTINGS: KnowledgeSettings = {
  defaultMode: "semantic",
  fusion: { method: "rrf", k: 60 },
  candidates: 100,
  chunking: { maxWords: 150, overlapWords: 30 },
  context: {},
  minSimilarity: 0.2,
  rewrite: {},
};

/**
 * What the knowledge use cases run on; each runtime's wiring builds it once. `embeddings`
 * should be the cached model (`cachedEmbeddingModel`), so only misses reach the provider.
 *
 * @example
 * const deps: KnowledgeDeps = {
 *   embeddings: cachedEmbeddingModel(createHashEmbedder(), createMemoryEmbeddingStore()),
 *   vectors: await openLocalVectorIndex(), keywords, optOuts: profileOptOuts(data.documents),
 *   messages: rememberedMessageSource({ data: data.deps, envelope }), cache, envelope,
 * };
 */
export interface KnowledgeDeps {
  embeddings: EmbeddingModel;
  vectors: VectorIndex;
  keywords: KeywordIndex;
  optOuts: OptOutCheck;
  /** Reads message text back for snippets and answers; without it results have no snippet. */
  messages?: MessageSource;
  /** Where ingestion stores message text before indexing (omit when the caller already stored it). */
  sink?: MessageSink;
  /** The hot tier: recent searches, suggestions, conversation turns (all sealed). */
  cache?: TenantCaches;
  /** Seals what the hot tier keeps; without it nothing is kept there. */
  envelope?: Envelope;
  /** Without one (or when it fails) answers are extractive quotes. */
  chat?: ChatModel;
  clock?: Clock;
  logger?: Logger;
  settings?: Partial<KnowledgeSettings>;
}

/** The settings with defaults filled in. */
export function settingsOf(deps: Pick<KnowledgeDeps, "settings">): KnowledgeSettings {
  return { ...DEFAULT_SETTINGS, ...deps.settings };
}

/** A use case got input it cannot work with; the message may be shown to the user. */
export class KnowledgeInputError extends Error {
  override name = "KnowledgeInputError";
}

import { classifyFailure } from "../../resilience/failure.ts";
import { embedderFor } from "../corpus/corpus-embeddings.ts";
import type { KnowledgeDeps, SearchMode } from "../deps.ts";
import { settingsOf } from "../deps.ts";
import type { MessageFilter } from "../keyword/bm25.ts";
import { reciprocalRankFusion, weightedScoreFusion } from "./fusion.ts";
import { expandQuery } from "./rewrite.ts";

/** A message that matched, with its best chunk and the score of the mode that ranked it. */
export interface Candidate {
  messageId: string;
  channelId: string;
  authorId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  chunkId: string;
  score: number;
}

export interface RetrieveInput {
  guildId: string;
  query: string;
  mode: SearchMode;
  filter?: MessageFilter;
  /** How many messages to rank (the top of the list). */
  limit: number;
  /** Leave out vector matches below this cosine similarity (default: none). */
  minSimilarity?: number;
  /**
   * Semantic search answers from keywords (and says so) when the embedding or vector service
   * fails or there is none, and from keywords too when no vector match clears
   * `minSimilarity`: set when the mode is the default rather than one a member chose.
   */
  fallback?: boolean;
  /** Embed a hypothetical answer beside the query when a chat model is configured (see `expandQuery`). */
  rewrite?: boolean;
}

export interface Retrieved {
  candidates: Candidate[];
  /** Hybrid search fell back to keywords alone because the embedding or vector service failed. */
  degraded: boolean;
}

/**
 * Ranks a guild's messages for a query: BM25 over the keyword index, cosine similarity over
 * the vector index (best chunk per message), or both fused as the settings say. A hybrid
 * search whose semantic half fails answers from keywords alone and says so; so does a
 * semantic search with `fallback`.
 *
 * @example
 * const { candidates } = await retrieve(deps, { guildId, query: "deploy fails", mode: "hybrid", limit: 20 });
 */
export async function retrieve(deps: KnowledgeDeps, input: RetrieveInput): Promise<Retrieved> {
  if (input.mode === "keyword") return { candidates: await keywordCandidates(deps, input), degraded: false };
  const failed = (error: unknown) => {
    // The error's name only: a provider's message may echo the query.
    deps.logger?.warn("knowledge.semantic-failed", {
      error: error instanceof Error ? error.name : "unknown",
    });
    return undefined;
  };
  if (input.mode === "semantic") {
    const semantic = await semanticCandidates(deps, input).catch((error: unknown) => {
      // A refusal (nothing configured, bad input) is answered as such; an outage falls back.
      if (!input.fallback && classifyFailure(error) === "permanent") throw error;
      return failed(error);
    });
    if (semantic && (semantic.length > 0 || !input.fallback))
      return { candidates: semantic, degraded: false };
    // Nothing above the similarity floor (an unknown model's scale, say): the keywords may still know.
    return { candidates: await keywordCandidates(deps, input), degraded: !semantic };
  }
  const [keyword, semantic] = await Promise.all([
    keywordCandidates(deps, input),
    semanticCandidates(deps, input).catch(failed),
  ]);
  if (!semantic) return { candidates: keyword, degraded: true };
  return { candidates: fuse(deps, input, keyword, semantic), degraded: false };
}

function fuse(deps: KnowledgeDeps, input: RetrieveInput, keyword: Candidate[], semantic: Candidate[]) {
  const byId = new Map([...semantic, ...keyword].map((candidate) => [candidate.messageId, candidate]));
  const lists = [keyword, semantic].map((list) => list.map((c) => ({ id: c.messageId, score: c.score })));
  const fusion = settingsOf(deps).fusion;
  const fused =
    fusion.method === "rrf"
      ? reciprocalRankFusion(lists, fusion.k, fusion.weights)
      : weightedScoreFusion(lists, [1 - fusion.semanticWeight, fusion.semanticWeight]);
  return fused.slice(0, input.limit).flatMap(({ id, score }) => {
    const candidate = byId.get(id);
    return candidate ? [{ ...candidate, score }] : [];
  });
}

async function keywordCandidates(deps: KnowledgeDeps, input: RetrieveInput): Promise<Candidate[]> {
  const options = input.filter ? { limit: input.limit, filter: input.filter } : { limit: input.limit };
  // A hit is a candidate: it carries its message's ids and time, as the index held them when it
  // ranked the hit.
  return deps.keywords.search(input.guildId, input.query, options);
}

async function semanticCandidates(deps: KnowledgeDeps, input: RetrieveInput): Promise<Candidate[]> {
  const texts = input.rewrite ? await expandQuery(deps, input.query) : [input.query];
  const { vectors } = await embedderFor(deps.embeddings, input.guildId).embed(texts);
  const vector = meanVector(vectors);
  if (!vector) return [];
  const topK = Math.min(1_000, input.limit * 3);
  const matches = await deps.vectors.query(input.guildId, vector, {
    topK,
    filter: { ...input.filter, kind: "message" },
  });
  const best = new Map<string, Candidate>();
  const floor = input.minSimilarity ?? Number.NEGATIVE_INFINITY;
  for (const match of matches) {
    if (match.score < floor) break; // best first: the rest are lower still
    const messageId = match.id.split(":")[1] ?? "";
    if (best.has(messageId) || match.metadata.guildId !== input.guildId) continue;
    const { channelId, authorId, createdAt } = match.metadata;
    best.set(messageId, { messageId, channelId, authorId, createdAt, chunkId: match.id, score: match.score });
  }
  return [...best.values()].slice(0, input.limit);
}

/** The mean of unit vectors (the query and its hypothetical answer count alike), or the one vector. */
function meanVector(vectors: readonly Float32Array[]): Float32Array | undefined {
  const [first] = vectors;
  if (!first || vectors.length === 1) return first;
  return first.map((_, i) => vectors.reduce((sum, vector) => sum + (vector[i] ?? 0), 0) / vectors.length);
}

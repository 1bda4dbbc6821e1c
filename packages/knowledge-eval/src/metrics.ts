/** How well one ranking found one query's relevant messages. */
export interface QueryScore {
  /** Share of the relevant messages within the top `k`. */
  recall: number;
  /** 1 / rank of the first relevant message within the top `k`, or 0. */
  reciprocalRank: number;
  /** Normalised discounted cumulative gain at `k`, binary relevance. */
  ndcg: number;
}

/**
 * Recall@k, reciprocal rank and nDCG@k (both cut at k) of a ranked list of ids against the
 * relevant ids.
 *
 * @example
 * scoreRanking(["a", "x", "b"], ["b", "c"], 10) // { recall: 0.5, reciprocalRank: 1 / 3, ndcg: 0.307… }
 */
export function scoreRanking(ranked: readonly string[], relevant: readonly string[], k: number): QueryScore {
  if (relevant.length === 0) throw new RangeError("a query needs at least one relevant message");
  const top = ranked.slice(0, k);
  const wanted = new Set(relevant);
  const found = top.filter((id) => wanted.has(id)).length;
  const first = top.findIndex((id) => wanted.has(id));
  const gain = (rank: number) => 1 / Math.log2(rank + 2);
  const dcg = top.reduce((sum, id, rank) => sum + (wanted.has(id) ? gain(rank) : 0), 0);
  let ideal = 0;
  for (let rank = 0; rank < Math.min(wanted.size, k); rank++) ideal += gain(rank);
  return { recall: found / wanted.size, reciprocalRank: first < 0 ? 0 : 1 / (first + 1), ndcg: dcg / ideal };
}

/** Mean recall@k, MRR and nDCG@k over queries. */
export interface ModeScore {
  recall: number;
  mrr: number;
  ndcg: number;
}

/**
 * The means of per-query scores.
 *
 * @example
 * meanScores([{ recall: 1, reciprocalRank: 1, ndcg: 1 }, { recall: 0, reciprocalRank: 0, ndcg: 0 }])
 * // { recall: 0.5, mrr: 0.5, ndcg: 0.5 }
 */
export function meanScores(scores: readonly QueryScore[]): ModeScore {
  const n = scores.length || 1;
  const mean = (pick: (score: QueryScore) => number) => scores.reduce((sum, s) => sum + pick(s), 0) / n;
  return { recall: mean((s) => s.recall), mrr: mean((s) => s.reciprocalRank), ndcg: mean((s) => s.ndcg) };
}

/**
 * Orders scores the way the default is chosen: recall@k first, then MRR; an exact tie keeps
 * the earlier entry.
 *
 * @example
 * better({ recall: 0.9, mrr: 0.5, ndcg: 0.6 }, { recall: 0.9, mrr: 0.6, ndcg: 0.6 }) // false
 */
export function better(a: Omit<ModeScore, "ndcg">, b: Omit<ModeScore, "ndcg">): boolean {
  return a.recall > b.recall + 1e-9 || (Math.abs(a.recall - b.recall) <= 1e-9 && a.mrr > b.mrr + 1e-9);
}

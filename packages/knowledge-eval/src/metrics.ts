/** How well one ranking found one query's relevant messages. */
export interface QueryScore {
  /** Share of the relevant messages within the top `k`. */
  recall: number;
  /** 1 / rank of the first relevant message within the top `k`, or 0. */
  reciprocalRank: number;
}

/**
 * Recall@k and reciprocal rank (cut at k) of a ranked list of ids against the relevant ids.
 *
 * @example
 * scoreRanking(["a", "x", "b"], ["b", "c"], 10) // { recall: 0.5, reciprocalRank: 1 / 3 }
 */
export function scoreRanking(ranked: readonly string[], relevant: readonly string[], k: number): QueryScore {
  if (relevant.length === 0) throw new RangeError("a query needs at least one relevant message");
  const top = ranked.slice(0, k);
  const wanted = new Set(relevant);
  const found = top.filter((id) => wanted.has(id)).length;
  const first = top.findIndex((id) => wanted.has(id));
  return { recall: found / wanted.size, reciprocalRank: first < 0 ? 0 : 1 / (first + 1) };
}

/** Mean recall@k and MRR over queries. */
export interface ModeScore {
  recall: number;
  mrr: number;
}

/**
 * The means of per-query scores.
 *
 * @example
 * meanScores([{ recall: 1, reciprocalRank: 1 }, { recall: 0, reciprocalRank: 0 }]) // { recall: 0.5, mrr: 0.5 }
 */
export function meanScores(scores: readonly QueryScore[]): ModeScore {
  const n = scores.length || 1;
  return {
    recall: scores.reduce((sum, score) => sum + score.recall, 0) / n,
    mrr: scores.reduce((sum, score) => sum + score.reciprocalRank, 0) / n,
  };
}

/**
 * Orders scores the way the default is chosen: recall@k first, then MRR; an exact tie keeps
 * the earlier entry.
 *
 * @example
 * better({ recall: 0.9, mrr: 0.5 }, { recall: 0.9, mrr: 0.6 }) // false
 */
export function better(a: ModeScore, b: ModeScore): boolean {
  return a.recall > b.recall + 1e-9 || (Math.abs(a.recall - b.recall) <= 1e-9 && a.mrr > b.mrr + 1e-9);
}

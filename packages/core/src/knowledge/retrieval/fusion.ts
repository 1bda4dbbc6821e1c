/** One ranked list: ids best first, with the score that ranked them. */
export type Ranking = ReadonlyArray<{ id: string; score: number }>;

/**
 * Reciprocal rank fusion: each list gives an id `weight / (k + rank)` (rank from 1, weight 1
 * unless given), summed over the lists it is in. Scales of the lists' scores never matter,
 * only the order. Ties go to the id ranked best in any list, then to the first list.
 *
 * @example
 * reciprocalRankFusion([[{ id: "a", score: 9 }, { id: "b", score: 1 }], [{ id: "b", score: 0.8 }]], 60)
 * // [{ id: "b", score: 1/62 + 1/61 }, { id: "a", score: 1/61 }]
 */
export function reciprocalRankFusion(
  rankings: readonly Ranking[],
  k = 60,
  weights: readonly number[] = [],
): Array<{ id: string; score: number }> {
  const fused = new Map<string, { score: number; best: number; order: number }>();
  rankings.forEach((ranking, list) => {
    ranking.forEach(({ id }, index) => {
      const seen = fused.get(id) ?? { score: 0, best: Number.POSITIVE_INFINITY, order: list };
      seen.score += (weights[list] ?? 1) / (k + index + 1);
      seen.best = Math.min(seen.best, index);
      fused.set(id, seen);
    });
  });
  return [...fused]
    .sort(([, a], [, b]) => b.score - a.score || a.best - b.best || a.order - b.order)
    .map(([id, { score }]) => ({ id, score }));
}

/**
 * Weighted score fusion: each list's scores are scaled to [0, 1] by its own minimum and
 * maximum, then summed with `weights` (an id missing from a list gets 0 there).
 *
 * @example
 * weightedScoreFusion([[{ id: "a", score: 12 }, { id: "b", score: 4 }], [{ id: "b", score: 0.9 }]], [0.5, 0.5])
 * // [{ id: "a", score: 0.5 }, { id: "b", score: 0.5 }]
 */
export function weightedScoreFusion(
  rankings: readonly Ranking[],
  weights: readonly number[],
): Array<{ id: string; score: number }> {
  const fused = new Map<string, number>();
  rankings.forEach((ranking, list) => {
    const scores = ranking.map((entry) => entry.score);
    const min = Math.min(...scores);
    const span = Math.max(...scores) - min;
    for (const { id, score } of ranking) {
      const scaled = span > 0 ? (score - min) / span : 1;
      fused.set(id, (fused.get(id) ?? 0) + (weights[list] ?? 0) * scaled);
    }
  });
  return [...fused].sort(([, a], [, b]) => b - a).map(([id, score]) => ({ id, score }));
}

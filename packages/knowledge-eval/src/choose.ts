import type { SearchMode } from "@megawatts/core";
import type { VariantResult } from "./evaluate.ts";
import type { EvalSet } from "./fixtures.ts";
import { better, type ModeScore } from "./metrics.ts";

/** One labelled set's results. */
export interface SetResults {
  set: EvalSet;
  results: VariantResult[];
}

/** A mode's score when its settings are chosen on the other sets and scored on the one left out. */
export interface CrossValidated extends ModeScore {
  mode: SearchMode;
  /** Per held-out set: the variant the other sets picked, and its score there. */
  folds: Array<{ set: EvalSet; picked: string } & ModeScore>;
}

const fmt = (score: CrossValidated) =>
  `${score.mode} ${(score.recall * 100).toFixed(1)} % recall@10 / ${score.mrr.toFixed(3)} MRR`;

const mean = (scores: readonly ModeScore[]): ModeScore => {
  const n = scores.length || 1;
  const sum = (pick: (s: ModeScore) => number) => scores.reduce((total, s) => total + pick(s), 0) / n;
  return { recall: sum((s) => s.recall), mrr: sum((s) => s.mrr), ndcg: sum((s) => s.ndcg) };
};

/**
 * Leave-one-set-out cross-validation of one mode: for each set, the mode's variant (a fusion,
 * for hybrid) is picked on the other sets and scored on it; the figure is the mean over the
 * held-out sets, each set counting once whatever its size. A setting that only fits one set
 * cannot win this way.
 *
 * @example
 * crossValidate("hybrid", sets) // { mode: "hybrid", recall: 0.9, mrr: 0.6, folds: [{ set: "print-farm", picked: "hybrid rrf k=20", … }, …] }
 */
export function crossValidate(mode: SearchMode, sets: readonly SetResults[]): CrossValidated {
  if (sets.length < 2) throw new Error("cross-validation needs at least two labelled sets");
  const folds = sets.map((heldOut) => {
    const names = heldOut.results.filter((r) => r.variant.mode === mode).map((r) => r.variant.name);
    if (names.length === 0) throw new Error(`the evaluation has no ${mode} result`);
    const trained = (name: string) =>
      mean(
        sets.filter((s) => s !== heldOut).flatMap((s) => s.results.filter((r) => r.variant.name === name)),
      );
    let picked = names[0] as string;
    for (const name of names) if (better(trained(name), trained(picked))) picked = name;
    const scored = heldOut.results.find((r) => r.variant.name === picked) as VariantResult;
    return { set: heldOut.set, picked, recall: scored.recall, mrr: scored.mrr, ndcg: scored.ndcg };
  });
  return { mode, ...mean(folds), folds };
}

/**
 * The rule for the default mode, over every labelled set: each mode is cross-validated
 * across the sets; hybrid becomes the default only when it is at least as good as the better
 * single mode (recall@10 first, then MRR), otherwise that single mode does.
 *
 * @example
 * chooseDefault(sets) // { best: "semantic", reason: "semantic 94.8 % … beats hybrid 92.2 % …", scores: […] }
 */
export function chooseDefault(sets: readonly SetResults[]): {
  best: SearchMode;
  reason: string;
  scores: CrossValidated[];
} {
  const [keyword, semantic, hybrid] = (["keyword", "semantic", "hybrid"] as const).map((mode) =>
    crossValidate(mode, sets),
  ) as [CrossValidated, CrossValidated, CrossValidated];
  const scores = [keyword, semantic, hybrid];
  const single = better(semantic, keyword) ? semantic : keyword;
  if (!better(single, hybrid))
    return { best: "hybrid", reason: `${fmt(hybrid)} is at least ${fmt(single)}`, scores };
  return { best: single.mode, reason: `${fmt(single)} beats ${fmt(hybrid)}`, scores };
}

import type { SearchMode } from "@megawatts/core";
import type { VariantResult } from "./evaluate.ts";
import { better, type ModeScore, meanScores } from "./metrics.ts";

const fmt = (name: string, score: ModeScore) =>
  `${name} ${(score.recall * 100).toFixed(1)} % recall@10 / ${score.mrr.toFixed(3)} MRR`;

/**
 * Hybrid with its fusion chosen by two-fold cross-validation: the fusion is picked on the
 * odd-numbered queries and scored on the even ones, and the other way round, so no query
 * scores a fusion that was chosen on it. Resolves the pooled score and the picks.
 *
 * @example
 * crossValidatedHybrid(results) // { recall: 0.84, mrr: 0.58, picks: ["hybrid rrf k=20", "hybrid"] }
 */
export function crossValidatedHybrid(results: readonly VariantResult[]): ModeScore & { picks: string[] } {
  const hybrids = results.filter((result) => result.variant.mode === "hybrid");
  const count = hybrids[0]?.perQuery.length ?? 0;
  const fold = (parity: number) => (_: unknown, i: number) => i % 2 === parity;
  const picks: string[] = [];
  const pooled = [0, 1].flatMap((test) => {
    let pick = hybrids[0] as VariantResult;
    for (const candidate of hybrids) {
      const train = (result: VariantResult) => meanScores(result.perQuery.filter(fold(1 - test)));
      if (better(train(candidate), train(pick))) pick = candidate;
    }
    picks.push(pick.variant.name);
    return pick.perQuery.filter(fold(test));
  });
  if (pooled.length !== count) throw new Error("cross-validation lost queries");
  return { ...meanScores(pooled), picks };
}

/**
 * The rule for the default mode: hybrid only when it is at least as good as the better single
 * mode (recall@10 first, then MRR), judged on its cross-validated score so a fusion tuned on
 * this set does not win by fitting it; otherwise that single mode.
 *
 * @example
 * chooseDefault(results) // { best: "keyword", reason: "keyword 84.8 % … beats hybrid (cross-validated) 84.2 % …" }
 */
export function chooseDefault(results: readonly VariantResult[]): { best: SearchMode; reason: string } {
  const find = (name: string) => {
    const found = results.find((result) => result.variant.name === name);
    if (!found) throw new Error(`the evaluation has no "${name}" result`);
    return found;
  };
  const keyword = find("keyword");
  const semantic = find("semantic");
  const single = better(semantic, keyword) ? semantic : keyword;
  const hybrid = crossValidatedHybrid(results);
  const hybridText = fmt("hybrid (cross-validated)", hybrid);
  const singleText = fmt(single.variant.name, single);
  if (!better(single, hybrid)) return { best: "hybrid", reason: `${hybridText} is at least ${singleText}` };
  return { best: single.variant.mode, reason: `${singleText} beats ${hybridText}` };
}

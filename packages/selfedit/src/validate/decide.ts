import { plural } from "../plural.ts";
import type { ValidationConfig } from "./config.ts";
import type { Decision, DiffStat, Impact, Risk, StageResult } from "./types.ts";

const RANK = { none: -1, low: 0, medium: 1, high: 2 } as const;

const count = (stages: readonly StageResult[], severity: string, stage?: string) =>
  stages
    .filter((result) => stage === undefined || result.stage === stage)
    .reduce(
      (sum, result) => sum + result.violations.filter((violation) => violation.severity === severity).length,
      0,
    );

/**
 * How much could go wrong: high for security warnings, big changes or changes reaching
 * several plugins; medium for any other warning, mid-sized changes or two plugins; else low.
 */
export function assessRisk(stages: readonly StageResult[], stat: DiffStat, impact: Impact | undefined): Risk {
  const lines = stat.added + stat.removed;
  const plugins = impact?.plugins.length ?? 0;
  if (count(stages, "warning", "security") > 0 || lines > 300 || plugins > 2) return "high";
  if (count(stages, "warning") > 0 || lines > 100 || stat.files > 5 || plugins > 1) return "medium";
  return "low";
}

/** The decision and the reasons a human has to look, from the stages, the risk and the policy. */
export function decide(
  stages: readonly StageResult[],
  risk: Risk,
  stat: DiffStat,
  config: ValidationConfig,
): { decision: Decision; reasons: string[] } {
  const failed = stages.filter((stage) => stage.status === "fail").map((stage) => stage.stage);
  if (failed.length > 0) return { decision: "reject", reasons: failed.map((stage) => `${stage} failed`) };
  const { policy } = config;
  const reasons: string[] = [];
  if (policy.approveMaxRisk === "none") reasons.push(`the ${config.preset} preset has every change reviewed`);
  else if (RANK[risk] > RANK[policy.approveMaxRisk])
    reasons.push(`${risk} risk is above the ${policy.approveMaxRisk} risk approved automatically`);
  const warnings = count(stages, "warning");
  if (warnings > 0 && !policy.allowWarnings) reasons.push(plural(warnings, "warning"));
  const tests = stages.find((stage) => stage.stage === "tests");
  if (policy.requireTestsRun && tests?.status !== "pass")
    reasons.push(tests?.status === "skipped" ? "tests did not run here" : "no related test passed here");
  const lines = stat.added + stat.removed;
  if (lines > policy.maxApproveLines && policy.approveMaxRisk !== "none")
    reasons.push(`${lines} changed lines (approval limit ${policy.maxApproveLines})`);
  return { decision: reasons.length === 0 ? "approve" : "needs-review", reasons };
}

/** One paragraph for a human: the decision, the size, and why. */
export function summarize(
  decision: Decision,
  risk: Risk,
  stat: DiffStat,
  stages: readonly StageResult[],
  reasons: readonly string[],
): string {
  const size = `${plural(stat.files, "file")}, +${stat.added} −${stat.removed}`;
  if (decision === "reject") {
    const first = stages
      .flatMap((stage) => stage.violations)
      .find((violation) => violation.severity === "error");
    const where = first?.file ? ` in ${first.file}${first.line ? `:${first.line}` : ""}` : "";
    return `reject: ${reasons.join(", ")}${first ? ` — ${first.message}${where}` : ""} (${size})`;
  }
  const skipped = stages
    .filter((stage) => stage.status === "skipped")
    .map((stage) => `${stage.stage}: ${stage.reason}`);
  const why = reasons.length > 0 ? `; review because ${reasons.join("; ")}` : "";
  const notes = skipped.length > 0 ? `; skipped ${skipped.join("; ")}` : "";
  return `${decision} (${risk} risk): ${size}${why}${notes}`;
}

import type { ProposalRound } from "../propose/propose-edits.ts";
import type { ValidationReport } from "../validate/types.ts";

const ICONS = { pass: "✅", warn: "⚠️", fail: "❌", skipped: "⏭️" } as const;

/** One line per stage: its outcome, time and first finding or the reason it was skipped. */
export function stageLines(report: ValidationReport): string[] {
  return report.stages.map((stage) => {
    const first = stage.violations[0];
    const note =
      stage.reason ??
      (first ? `${first.rule} ${first.file}${first.line ? `:${first.line}` : ""} ${first.message}` : "");
    return `  ${ICONS[stage.status]} ${stage.stage.padEnd(12)} ${String(stage.ms).padStart(6)} ms  ${note}`.trimEnd();
  });
}

/**
 * A round as the command line prints it: number, decision, tokens and time, each stage, and
 * the feedback the model is sent next.
 *
 * @example
 * io.stdout(roundText(round));
 */
export function roundText(round: ProposalRound): string {
  const { report } = round;
  const tokens = round.tokens.prompt + round.tokens.completion;
  return [
    `Round ${round.round}: ${report.decision} (${report.risk} risk) · ${tokens.toLocaleString("en-US")} tokens (${round.tokens.prompt} in, ${round.tokens.completion} out) · ${(round.ms / 1000).toFixed(1)} s`,
    ...stageLines(report),
    ...(round.feedback
      ? ["  → sent back to the model:", ...round.feedback.split("\n").map((line) => `    ${line}`)]
      : []),
    "",
  ].join("\n");
}

import type { ProposalRound, ValidationReport } from "@megawatts/selfedit";
import type { RoundRecord, SelfEditRecord } from "../records/record.ts";

const KEEP = 40_000;
const cut = (text: string) => (text.length <= KEEP ? text : `${text.slice(0, KEEP)}\n…(cut)`);

/** Each stage's name and outcome, as the record keeps them. */
export function stagesOf(report: ValidationReport): NonNullable<SelfEditRecord["stages"]> {
  return report.stages.map(({ stage, status }) => ({ stage, status }));
}

/**
 * What is stored of one round: tokens, time, decision, each stage with its count of findings,
 * the feedback sent next, the model's answer and the diff (each cut at 40,000 characters).
 *
 * @example
 * await saveRound(records, guild, user, roundRecord(requestId, round));
 */
export function roundRecord(requestId: string, round: ProposalRound): RoundRecord {
  const { report } = round;
  return {
    requestId,
    round: round.round,
    tokens: round.tokens,
    ms: round.ms,
    decision: report.decision,
    risk: report.risk,
    summary: report.summary,
    stages: report.stages.map((stage) => ({
      stage: stage.stage,
      status: stage.status,
      violations: stage.violations.length,
      ...(stage.reason ? { reason: stage.reason } : {}),
    })),
    ...(round.feedback ? { feedback: round.feedback } : {}),
    answer: cut(round.answer),
    diff: cut(report.diff),
  };
}

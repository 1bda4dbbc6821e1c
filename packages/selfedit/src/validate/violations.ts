import type { StageName, StageResult, StageStatus, Violation } from "./types.ts";

const key = (violation: Violation) => `${violation.rule}\u0000${violation.file}\u0000${violation.message}`;

/**
 * The violations in `after` that `before` does not already have, matched by rule, file and
 * message (not line, which moves when lines are added above). Counts matter: a third
 * `eval` where the base had two is new.
 */
export function introduced(after: readonly Violation[], before: readonly Violation[]): Violation[] {
  const budget = new Map<string, number>();
  for (const violation of before) budget.set(key(violation), (budget.get(key(violation)) ?? 0) + 1);
  return after.filter((violation) => {
    const left = budget.get(key(violation)) ?? 0;
    if (left === 0) return true;
    budget.set(key(violation), left - 1);
    return false;
  });
}

/** A stage's status from its violations: any error fails, any warning warns. */
export function statusOf(violations: readonly Violation[]): StageStatus {
  if (violations.some((violation) => violation.severity === "error")) return "fail";
  if (violations.some((violation) => violation.severity === "warning")) return "warn";
  return "pass";
}

/** Times a stage body and wraps its violations in a result. */
export async function timed(
  stage: StageName,
  run: () => Promise<Violation[]> | Violation[],
): Promise<StageResult> {
  const started = performance.now();
  const violations = await run();
  return { stage, status: statusOf(violations), violations, ms: Math.round(performance.now() - started) };
}

/** A stage that did not run, and why. */
export function skipped(stage: StageName, reason: string): StageResult {
  return { stage, status: "skipped", violations: [], ms: 0, reason };
}

/** 1-based line of a character offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

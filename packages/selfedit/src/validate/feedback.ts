import type { ValidationReport } from "./types.ts";

/**
 * The report's errors and warnings as short text for the next prompt to a model, errors
 * first, at most `max` lines, each naming the rule, the file and line, and what to fix.
 *
 * @example
 * const prompt = `${formatFeedback(report)}\n\nAnswer with corrected SEARCH/REPLACE blocks.`;
 */
export function formatFeedback(report: ValidationReport, max = 15): string {
  const problems = report.stages
    .flatMap((stage) => stage.violations.map((violation) => ({ stage: stage.stage, ...violation })))
    .filter((violation) => violation.severity !== "info")
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  if (problems.length === 0) return "The edits passed every check.";
  const failed = report.stages.filter((stage) => stage.status === "fail").map((stage) => stage.stage);
  const head =
    failed.length > 0
      ? `The edits were rejected by the ${failed.join(" and ")} check${failed.length > 1 ? "s" : ""}. Fix every problem below:`
      : "The edits passed, with warnings worth fixing:";
  const lines = problems.slice(0, max).map((problem) => {
    const where = problem.file ? ` ${problem.file}${problem.line ? `:${problem.line}` : ""}` : "";
    const level = problem.severity === "warning" ? " (warning)" : "";
    return `- [${problem.rule}]${where}${level}: ${problem.message}`;
  });
  const more = problems.length > max ? [`- …and ${problems.length - max} more`] : [];
  return [head, ...lines, ...more].join("\n");
}

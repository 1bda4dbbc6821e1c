import type { AppliedEdits, FileChange } from "../apply/types.ts";
import type { EditBlock, EditParseIssue } from "../edit-format/types.ts";
import type { ValidationConfig } from "./config.ts";
import { securityViolations } from "./security/index.ts";
import { gateStage } from "./stages/gate.ts";
import { qualityViolations } from "./stages/quality.ts";
import { syntaxViolations } from "./stages/syntax.ts";
import type { DiffStat, StageName, StageResult, Violation } from "./types.ts";
import { introduced, timed } from "./violations.ts";

/** Parse issues and apply problems as the `edits` stage. */
export function editsStage(issues: readonly EditParseIssue[], applied: AppliedEdits): Promise<StageResult> {
  return timed("edits", () => [
    ...issues.map(
      (issue): Violation => ({
        rule: "edits/format",
        file: "",
        line: issue.line,
        message: issue.message,
        severity: "error",
      }),
    ),
    ...applied.problems.map((problem): Violation => ({ ...problem, severity: "error" })),
  ]);
}

export function gate(
  blocks: readonly EditBlock[],
  changes: readonly FileChange[],
  stat: DiffStat,
  config: ValidationConfig,
) {
  return timed("gate", () => gateStage(blocks, changes, stat, config));
}

/** Runs a per-file check on each changed file and its base version; keeps what the change introduced. */
function perFile(
  stage: StageName,
  changes: readonly FileChange[],
  check: (path: string, text: string) => Violation[],
) {
  return timed(stage, () =>
    changes.flatMap((change) =>
      introduced(
        check(change.path, change.after),
        change.before === undefined ? [] : check(change.path, change.before),
      ),
    ),
  );
}

export const syntax = (changes: readonly FileChange[]) => perFile("syntax", changes, syntaxViolations);

export const security = (changes: readonly FileChange[], config: ValidationConfig) =>
  perFile("security", changes, (path, text) => securityViolations(path, text, config.security));

export const quality = (changes: readonly FileChange[], config: ValidationConfig) =>
  perFile("quality", changes, (path, text) => qualityViolations(path, text, config.quality));

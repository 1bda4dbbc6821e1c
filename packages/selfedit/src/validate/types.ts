import type { FileChange } from "../apply/types.ts";

/** The checks, cheapest first. `edits` is parsing and applying the blocks. */
export type StageName =
  | "edits"
  | "gate"
  | "syntax"
  | "security"
  | "quality"
  | "dependencies"
  | "types"
  | "tests"
  | "impact";

export type Severity = "error" | "warning" | "info";

/** One finding. `line` is 1-based in `file`, 0 when it concerns the file or change as a whole. */
export interface Violation {
  rule: string;
  file: string;
  line: number;
  message: string;
  severity: Severity;
}

export type StageStatus = "pass" | "warn" | "fail" | "skipped";

export interface StageResult {
  stage: StageName;
  status: StageStatus;
  violations: Violation[];
  ms: number;
  /** Why a stage was skipped. */
  reason?: string;
}

export type Decision = "approve" | "needs-review" | "reject";
export type Risk = "low" | "medium" | "high";

/** Which plugins, commands and entry points a change reaches through imports. */
export interface Impact {
  /** Every file that imports a changed file, directly or not, changed files included. */
  files: string[];
  plugins: { id: string; dir: string; commands: string[] }[];
  /** Catalog modules and Lambda entry points reached. */
  entryPoints: string[];
}

export interface DiffStat {
  files: number;
  added: number;
  removed: number;
}

/** Everything the validator found about one set of edits. */
export interface ValidationReport {
  decision: Decision;
  risk: Risk;
  /** The base commit the edits were applied to. */
  commit: string;
  stages: StageResult[];
  summary: string;
  diffStat: DiffStat;
  /** Unified diff of the change against the base. */
  diff: string;
  /** The files as the edits leave them (only the blocks that applied, when some did not). */
  changes: FileChange[];
  impact?: Impact;
}

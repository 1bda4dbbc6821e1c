/** Why an edit could not be applied. */
export type EditRule =
  | "edits/format"
  | "edits/missing-file"
  | "edits/no-match"
  | "edits/multiple-matches"
  | "edits/placeholder"
  | "edits/unbalanced-brackets"
  | "edits/file-exists"
  | "edits/no-change";

/** One problem with the edits, named by block where one block is at fault. */
export interface EditProblem {
  rule: EditRule;
  /** 1-based block number; 0 when the problem belongs to a whole file or answer. */
  block: number;
  file: string;
  /** 1-based line in the file (or in the answer, for format problems); 0 when none applies. */
  line: number;
  message: string;
}

/** A file as the edits leave it. `before` is `undefined` for a created file. */
export interface FileChange {
  path: string;
  before: string | undefined;
  after: string;
  /** The blocks that touched this file. */
  blocks: number[];
}

/** Every file the edits changed, and every problem found; the change is usable only without problems. */
export interface AppliedEdits {
  changes: FileChange[];
  problems: EditProblem[];
}

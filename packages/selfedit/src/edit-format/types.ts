/** One SEARCH/REPLACE block as a model wrote it. */
export interface EditBlock {
  /** 1-based position of the block in the answer, used in every message about it. */
  index: number;
  /** Repository-relative path, forward slashes, no leading `./`. */
  path: string;
  /** Exact text to find; whole lines ending in `\n`, or `""` to create a new file. */
  search: string;
  /** Text to put in its place; whole lines ending in `\n`, or `""` to delete the lines. */
  replace: string;
  /** 1-based line of the `<<<<<<< SEARCH` marker in the answer. */
  line: number;
}

/** What is wrong with one block of an answer. */
export interface EditParseIssue {
  /** 1-based block number, or 0 when the answer as a whole is wrong (no block at all). */
  block: number;
  /** 1-based line in the answer. */
  line: number;
  message: string;
}

/** The blocks an answer holds and every problem found while reading it. */
export interface ParsedEdits {
  blocks: EditBlock[];
  issues: EditParseIssue[];
}

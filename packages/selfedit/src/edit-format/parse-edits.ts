import { findBlockPath } from "./file-path.ts";
import type { EditBlock, EditParseIssue, ParsedEdits } from "./types.ts";

const SEARCH = /^\s*<{5,9} ?SEARCH\s*$/;
const DIVIDER = /^\s*={5,9}\s*$/;
const REPLACE = /^\s*>{5,9} ?REPLACE\s*$/;
const SHAPE =
  "a block is: the file path, <<<<<<< SEARCH, the exact old lines, =======, the new lines, >>>>>>> REPLACE";

const asText = (lines: readonly string[]) => (lines.length === 0 ? "" : `${lines.join("\n")}\n`);

interface Cursor {
  lines: string[];
  blocks: EditBlock[];
  issues: EditParseIssue[];
  /** Where the text that may name the next block's path starts. */
  proseFrom: number;
  /** The path of the last block read, well-formed or not, for a block that names none. */
  lastPath?: string;
}

/**
 * Reads the SEARCH/REPLACE blocks of a model's answer, tolerating prose around them and the
 * path written above or inside a code fence. A block without a path reuses the previous one.
 * Every malformed block is reported with its number; the well-formed ones are still returned.
 *
 * @example
 * const { blocks, issues } = parseEdits(
 *   "src/a.ts\n```ts\n<<<<<<< SEARCH\nconst a = 1;\n=======\nconst a = 2;\n>>>>>>> REPLACE\n```",
 * );
 * // blocks[0] → { index: 1, path: "src/a.ts", search: "const a = 1;\n", replace: "const a = 2;\n", line: 3 }
 */
export function parseEdits(answer: string): ParsedEdits {
  const cursor: Cursor = {
    lines: answer.replace(/\r\n?/g, "\n").split("\n"),
    blocks: [],
    issues: [],
    proseFrom: 0,
  };
  let number = 0;
  for (let i = 0; i < cursor.lines.length; i++) {
    const line = cursor.lines[i] ?? "";
    if (SEARCH.test(line)) {
      number++;
      i = readBlock(cursor, i, number);
    } else if (REPLACE.test(line)) {
      cursor.issues.push({
        block: number + 1,
        line: i + 1,
        message: `block ${number + 1}: stray \`>>>>>>> REPLACE\` at line ${i + 1} with no <<<<<<< SEARCH before it; ${SHAPE}`,
      });
      cursor.proseFrom = i + 1;
    }
  }
  if (number === 0 && cursor.issues.length === 0)
    cursor.issues.push({ block: 0, line: 1, message: `the answer holds no SEARCH/REPLACE block; ${SHAPE}` });
  return { blocks: cursor.blocks, issues: cursor.issues };
}

/** Reads one block starting at its SEARCH marker; returns the index of the last line it used. */
function readBlock(cursor: Cursor, marker: number, number: number): number {
  const { lines, issues } = cursor;
  const at = `block ${number} (line ${marker + 1})`;
  const path = findBlockPath(lines, cursor.proseFrom, marker) ?? cursor.lastPath;
  if (path) cursor.lastPath = path;
  const search: string[] = [];
  const replace: string[] = [];
  let part: "search" | "replace" = "search";
  for (let i = marker + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (SEARCH.test(line)) {
      issues.push({
        block: number,
        line: i + 1,
        message: `${at}: a new <<<<<<< SEARCH at line ${i + 1} starts before this block's >>>>>>> REPLACE; ${SHAPE}`,
      });
      cursor.proseFrom = i;
      return i - 1;
    }
    if (part === "search" && DIVIDER.test(line)) {
      part = "replace";
    } else if (REPLACE.test(line)) {
      cursor.proseFrom = i + 1;
      if (part === "search") {
        issues.push({
          block: number,
          line: i + 1,
          message: `${at}: >>>>>>> REPLACE at line ${i + 1} comes before any =======; ${SHAPE}`,
        });
      } else if (!path) {
        issues.push({
          block: number,
          line: marker + 1,
          message: `${at}: no file path before <<<<<<< SEARCH; write the path alone on the line above the block`,
        });
      } else {
        cursor.blocks.push({
          index: number,
          path,
          search: asText(search),
          replace: asText(replace),
          line: marker + 1,
        });
      }
      return i;
    } else {
      (part === "search" ? search : replace).push(line);
    }
  }
  const missing = part === "search" ? "======= and >>>>>>> REPLACE" : ">>>>>>> REPLACE";
  issues.push({
    block: number,
    line: marker + 1,
    message: `${at}: the answer ends before ${missing}; ${SHAPE}`,
  });
  cursor.proseFrom = lines.length;
  return lines.length;
}

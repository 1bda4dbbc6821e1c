import { checkBrackets } from "./apply/brackets.ts";
import { closestPath, findOccurrences, lineAt } from "./apply/locate.ts";
import { multipleMatches, noMatch } from "./apply/match-problem.ts";
import { findPlaceholders } from "./apply/placeholders.ts";
import type { AppliedEdits, EditProblem, FileChange } from "./apply/types.ts";
import type { EditBlock } from "./edit-format/types.ts";
import type { RepositorySnapshot } from "./snapshot/ports.ts";

export type { AppliedEdits, EditProblem, EditRule, FileChange } from "./apply/types.ts";

/** A block applied: the new text, and the file line where its REPLACE text starts. */
interface Replaced {
  text: string;
  line: number;
}

interface Working {
  before: string | undefined;
  text: string;
  blocks: number[];
}

/** Replaces the single line-anchored occurrence, coping with CRLF files and a missing final newline. */
function replaceOnce(block: EditBlock, text: string): Replaced | EditProblem {
  const crlf = text.includes("\r\n");
  const search = crlf ? block.search.replace(/\n/g, "\r\n") : block.search;
  const replace = crlf ? block.replace.replace(/\n/g, "\r\n") : block.replace;
  const newline = crlf ? "\r\n" : "\n";
  const padded = text !== "" && !text.endsWith("\n");
  const work = padded ? text + newline : text;
  const offsets = findOccurrences(work, search);
  if (offsets.length === 0) return noMatch(block, work);
  if (offsets.length > 1) return multipleMatches(block, work, offsets);
  const at = offsets[0] as number;
  const result = work.slice(0, at) + replace + work.slice(at + search.length);
  const kept = padded && result.endsWith(newline) ? result.slice(0, -newline.length) : result;
  return { text: kept, line: lineAt(work, at) };
}

async function applyBlock(
  block: EditBlock,
  files: Map<string, Working>,
  snapshot: RepositorySnapshot,
): Promise<EditProblem | { line: number }> {
  const known = files.get(block.path);
  const existing = known ? known.text : await snapshot.readFile(block.path);
  if (block.search === "") {
    if (existing !== undefined)
      return {
        rule: "edits/file-exists",
        block: block.index,
        file: block.path,
        line: 0,
        message: `block ${block.index}: an empty SEARCH creates a file, but ${block.path} already exists; quote the lines to change instead`,
      };
    files.set(block.path, { before: undefined, text: block.replace, blocks: [block.index] });
    return { line: 1 };
  }
  if (existing === undefined) {
    const suggestion = closestPath(block.path, await snapshot.listFiles());
    const hint = suggestion ? `; did you mean ${suggestion}?` : "";
    return {
      rule: "edits/missing-file",
      block: block.index,
      file: block.path,
      line: 0,
      message: `block ${block.index}: ${block.path} does not exist at ${snapshot.commit.slice(0, 12)}${hint}`,
    };
  }
  const replaced = replaceOnce(block, existing);
  if ("rule" in replaced) return replaced;
  const working = known ?? { before: existing, text: existing, blocks: [] };
  working.text = replaced.text;
  working.blocks.push(block.index);
  files.set(block.path, working);
  return { line: replaced.line };
}

/** A bracket problem the edits introduced (a base file that already failed is left alone). */
function bracketProblem(path: string, file: Working): EditProblem | undefined {
  const problem = checkBrackets(path, file.text);
  if (!problem || (file.before !== undefined && checkBrackets(path, file.before))) return undefined;
  const block = file.blocks.at(-1) ?? 0;
  return {
    rule: "edits/unbalanced-brackets",
    block,
    file: path,
    line: problem.line,
    message: `${path} no longer parses after blocks ${file.blocks.join(", ")}: ${problem.message}`,
  };
}

/**
 * Applies SEARCH/REPLACE blocks in memory to the files of a snapshot, in order, each block
 * seeing the ones before it. Nothing is written. A block whose SEARCH matches nothing or more
 * than once, that leaves placeholder comments for elided code, that creates an existing file,
 * or that leaves brackets unbalanced is reported; the other blocks are still tried so every
 * problem is found in one pass.
 *
 * @example
 * const { changes, problems } = await applyEdits(base, parseEdits(answer).blocks);
 * if (problems.length === 0) console.log(changes.map((change) => change.path));
 */
export async function applyEdits(
  snapshot: RepositorySnapshot,
  blocks: readonly EditBlock[],
): Promise<AppliedEdits> {
  const files = new Map<string, Working>();
  const problems: EditProblem[] = [];
  for (const block of blocks) {
    const outcome = await applyBlock(block, files, snapshot);
    if ("rule" in outcome) problems.push(outcome);
    for (const placeholder of findPlaceholders(block.replace, block.search))
      problems.push({
        rule: "edits/placeholder",
        block: block.index,
        file: block.path,
        // Where the placeholder landed in the file, when the block applied.
        line: "rule" in outcome ? 0 : outcome.line + placeholder.line - 1,
        message: `block ${block.index}: REPLACE line ${placeholder.line} \`${placeholder.text}\` stands for code left out; write out every line the file should keep`,
      });
  }
  const changes: FileChange[] = [];
  for (const [path, file] of files) {
    if (file.before === file.text) continue;
    const unbalanced = bracketProblem(path, file);
    if (unbalanced) problems.push(unbalanced);
    changes.push({ path, before: file.before, after: file.text, blocks: file.blocks });
  }
  if (changes.length === 0 && problems.length === 0 && blocks.length > 0)
    problems.push({
      rule: "edits/no-change",
      block: 0,
      file: "",
      line: 0,
      message: "the edits change nothing: every REPLACE equals its SEARCH",
    });
  return { changes, problems };
}

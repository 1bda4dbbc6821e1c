import type { EditBlock } from "../edit-format/types.ts";
import { closestRegion, lineAt, matchIgnoringWhitespace } from "./locate.ts";
import type { EditProblem } from "./types.ts";

const quote = (line: string) => `\`${line.trim().slice(0, 120)}\``;

/** Explains a SEARCH text that matches nothing: a whitespace-only mismatch, or the closest region. */
export function noMatch(block: EditBlock, content: string): EditProblem {
  const at = `block ${block.index}: SEARCH text not found in ${block.path}`;
  const loose = matchIgnoringWhitespace(content, block.search);
  if (loose !== undefined)
    return {
      rule: "edits/no-match",
      block: block.index,
      file: block.path,
      line: loose,
      message: `${at}; it matches at line ${loose} only if whitespace is ignored: copy the lines exactly, indentation included`,
    };
  const region = closestRegion(content, block.search);
  if (!region || region.score < 0.3)
    return {
      rule: "edits/no-match",
      block: block.index,
      file: block.path,
      line: 0,
      message: `${at}, and no region resembles it`,
    };
  const similar = `${Math.round(region.score * 100)}% similar`;
  const diff = region.difference
    ? `; line ${region.difference.line} of the file reads ${quote(region.difference.file)} where SEARCH has ${quote(region.difference.search)}`
    : "";
  return {
    rule: "edits/no-match",
    block: block.index,
    file: block.path,
    line: region.line,
    message: `${at}; the closest region is lines ${region.line}–${region.lastLine} (${similar})${diff}`,
  };
}

/** Names every line where an ambiguous SEARCH text matches. */
export function multipleMatches(block: EditBlock, content: string, offsets: readonly number[]): EditProblem {
  const lines = offsets.map((offset) => lineAt(content, offset));
  return {
    rule: "edits/multiple-matches",
    block: block.index,
    file: block.path,
    line: lines[0] ?? 0,
    message: `block ${block.index}: SEARCH text matches ${offsets.length} times in ${block.path} (lines ${lines.join(", ")}); add surrounding lines so it matches once`,
  };
}

import type { EditBlock } from "./types.ts";

const linesOf = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/**
 * Writes blocks back in the text format `parseEdits` reads: the path, then the block in a
 * fence. Useful to show a model its own edits or to build fixtures.
 *
 * @example
 * formatEdits([{ path: "src/a.ts", search: "a\n", replace: "b\n" }]);
 * // "src/a.ts\n```\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n```\n"
 */
export function formatEdits(blocks: readonly Pick<EditBlock, "path" | "search" | "replace">[]): string {
  return blocks
    .map((block) =>
      [
        block.path,
        "```",
        "<<<<<<< SEARCH",
        ...linesOf(block.search),
        "=======",
        ...linesOf(block.replace),
        ">>>>>>> REPLACE",
        "```",
        "",
      ].join("\n"),
    )
    .join("\n");
}

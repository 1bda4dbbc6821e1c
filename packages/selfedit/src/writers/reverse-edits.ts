import { applyEdits } from "../apply.ts";
import type { EditBlock } from "../edit-format/types.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";
import type { FileWrite } from "./ports.ts";

/** The reversed change, or why parts of it no longer apply. */
export interface ReversedEdits {
  writes: FileWrite[];
  /** Blocks whose text is no longer where the change put it (edited since). */
  conflicts: string[];
}

type Block = Pick<EditBlock, "path" | "search" | "replace">;

/**
 * Reverses a change against the repository as it is now: each block's REPLACE text is put
 * back to its SEARCH text (it must still occur exactly once), and files the change created
 * are deleted if nobody edited them since. Anything that no longer applies is a conflict.
 *
 * @example
 * const { writes, conflicts } = await reverseEdits(parseEdits(stored).blocks, await writer.snapshot());
 */
export async function reverseEdits(
  blocks: readonly Block[],
  current: RepositorySnapshot,
): Promise<ReversedEdits> {
  const created = blocks.filter((block) => block.search === "");
  const conflicts: string[] = [];
  const writes: FileWrite[] = [];
  for (const block of created) {
    const text = await current.readFile(block.path);
    if (text === block.replace) writes.push({ path: block.path, content: null });
    else if (text !== undefined) conflicts.push(`${block.path} was edited after it was created`);
  }
  const createdPaths = new Set(created.map((block) => block.path));
  const edited = blocks.filter((block) => block.search !== "" && !createdPaths.has(block.path));
  // A block that only deleted lines leaves no text behind to find them by.
  for (const block of edited.filter((candidate) => candidate.replace === ""))
    conflicts.push(`a block deleted lines of ${block.path}; put them back by hand`);
  const reversed = edited
    .filter((block) => block.replace !== "")
    .reverse()
    .map((block, index) => ({
      index: index + 1,
      line: 0,
      path: block.path,
      search: block.replace,
      replace: block.search,
    }));
  const applied = await applyEdits(current, reversed);
  for (const problem of applied.problems) conflicts.push(problem.message);
  for (const change of applied.changes) writes.push({ path: change.path, content: change.after });
  return { writes, conflicts };
}

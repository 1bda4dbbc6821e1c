import type { FileChange } from "../apply/types.ts";
import type { DiffStat } from "./types.ts";

type Op = { kind: " " | "-" | "+"; text: string };
const CONTEXT = 3;
const MAX_CELLS = 4_000_000;

const linesOf = (text: string | undefined) => (text ? text.replace(/\n$/, "").split("\n") : []);

/** Line operations turning `a` into `b`: common ends trimmed, the middle by longest common subsequence. */
function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const keep = (text: string): Op => ({ kind: " ", text });
  return [...a.slice(0, start).map(keep), ...middle(midA, midB), ...a.slice(endA).map(keep)];
}

function middle(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS)
    return [
      ...a.map((text) => ({ kind: "-" as const, text })),
      ...b.map((text) => ({ kind: "+" as const, text })),
    ];
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: " ", text: a[i++] as string });
      j++;
    } else if (
      i < n &&
      (j === m || (lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number))
    ) {
      ops.push({ kind: "-", text: a[i++] as string });
    } else {
      ops.push({ kind: "+", text: b[j++] as string });
    }
  }
  return ops;
}

/** Groups operations into hunks with three lines of context, as `diff -u` prints them. */
function hunks(ops: Op[]): string[] {
  const out: string[] = [];
  const changed = ops.map((op, index) => (op.kind === " " ? -1 : index)).filter((index) => index >= 0);
  let cursor = 0;
  while (cursor < changed.length) {
    const first = changed[cursor] as number;
    let last = first;
    while (cursor + 1 < changed.length && (changed[cursor + 1] as number) - last <= 2 * CONTEXT)
      last = changed[++cursor] as number;
    cursor++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    const before = ops.slice(0, from);
    const oldStart = before.filter((op) => op.kind !== "+").length;
    const newStart = before.filter((op) => op.kind !== "-").length;
    const body = ops.slice(from, to);
    const oldCount = body.filter((op) => op.kind !== "+").length;
    const newCount = body.filter((op) => op.kind !== "-").length;
    const at = (start: number, count: number) => `${count === 0 ? start : start + 1},${count}`;
    out.push(
      `@@ -${at(oldStart, oldCount)} +${at(newStart, newCount)} @@`,
      ...body.map((op) => op.kind + op.text),
    );
  }
  return out;
}

/**
 * The unified diff of a change and its line counts.
 *
 * @example
 * const { diff, stat } = unifiedDiff(changes); // stat → { files: 1, added: 2, removed: 1 }
 */
export function unifiedDiff(changes: readonly FileChange[]): { diff: string; stat: DiffStat } {
  const stat: DiffStat = { files: changes.length, added: 0, removed: 0 };
  const parts: string[] = [];
  for (const change of changes) {
    const ops = diffLines(linesOf(change.before), linesOf(change.after));
    stat.added += ops.filter((op) => op.kind === "+").length;
    stat.removed += ops.filter((op) => op.kind === "-").length;
    const from = change.before === undefined ? "/dev/null" : `a/${change.path}`;
    parts.push(`diff --git a/${change.path} b/${change.path}`);
    if (change.before === undefined) parts.push("new file mode 100644");
    parts.push(`--- ${from}`, `+++ b/${change.path}`, ...hunks(ops));
  }
  return { diff: parts.length > 0 ? `${parts.join("\n")}\n` : "", stat };
}

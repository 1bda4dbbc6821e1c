import type { SubjectErasure, SubjectExport } from "@megawatts/core";
import { plural } from "@megawatts/core";

const pad = (text: string, width: number) => text.padEnd(width);

function keysCell(count: number, erased: boolean): string {
  if (erased) return count > 0 ? "shredded" : "none";
  return count > 0 ? "present" : "none";
}

/**
 * One guild's export as lines: each tier and how many items it holds.
 *
 * @example
 * exportLines(doc) // ["guild 8138…", "  warm   2 items", "  cold   0 items", "  hot    0 items", "  keys   present"]
 */
export function exportLines(doc: SubjectExport): string[] {
  const lines = [`guild ${doc.guild}`];
  for (const source of doc.sources) {
    const cell = source.tier === "keys" ? keysCell(source.count, false) : plural(source.count, "item");
    lines.push(`  ${pad(source.name, 6)} ${cell}`, ...(source.notes ?? []).map((note) => `         ${note}`));
  }
  return lines;
}

/**
 * One guild's erasure as lines: what each tier removed, and what was kept.
 *
 * @example
 * erasureLines(report) // ["guild 8138…", "  warm   removed 2, kept 1 (the opt-out)", …, "  keys   shredded"]
 */
export function erasureLines(report: SubjectErasure): string[] {
  const lines = [`guild ${report.guild}`];
  for (const source of report.sources) {
    const kept = source.kept ? `, kept ${source.kept} (the opt-out)` : "";
    const cell = source.tier === "keys" ? keysCell(source.removed, true) : `removed ${source.removed}${kept}`;
    lines.push(`  ${pad(source.name, 6)} ${cell}`, ...(source.notes ?? []).map((note) => `         ${note}`));
  }
  return lines;
}

import type { Summary } from "./stats.ts";
import type { Figure } from "./table.ts";

/** What a section hands back: its figures and any lines to print under its table. */
export interface SectionResult {
  figures: Figure[];
  notes?: string[];
}

/**
 * One group of measurements. `run.ts` keeps the list; a new section is a module exporting
 * one of these, added to that list.
 */
export interface Section {
  /** Short name used to pick sections on the command line: `npm run bench -- latency`. */
  id: string;
  title: string;
  run(): Promise<SectionResult>;
}

/**
 * A p50 row and a p99 row in milliseconds, each beside its baseline (named in the row).
 *
 * @example
 * percentileRows("open ticket job", "POST thread", summarize(job), summarize(bare), 1)
 */
export function percentileRows(
  name: string,
  baselineName: string,
  measured: Summary,
  baseline: Summary,
  digits: number,
): Figure[] {
  return (["p50", "p99"] as const).map((stat) => ({
    name: `${name} ${stat} (baseline: ${baselineName})`,
    unit: "ms",
    measured: measured[stat],
    baseline: baseline[stat],
    digits,
  }));
}

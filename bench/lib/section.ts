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

import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { applyEdits } from "../apply.ts";
import { parseEdits } from "../edit-format/parse-edits.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";

const DIR = fileURLToPath(new URL("../../fixtures/model-outputs/", import.meta.url));

/** A model's answer kept as a fixture, with the verdict a reader gave it. */
export interface ModelOutput {
  name: string;
  answer: string;
  wellFormed: boolean;
  /** The rules that reject it, sorted; empty for a well-formed answer. */
  rules: string[];
}

/**
 * Loads the fixture set of model answers written against the fixture repository, realistic
 * malformed ones included, with their labels from `expected.json`.
 *
 * @example
 * const outputs = await loadModelOutputs(); // [{ name: "01-good-single.txt", wellFormed: true, ... }, ...]
 */
export async function loadModelOutputs(): Promise<ModelOutput[]> {
  const labels = JSON.parse(await readFile(`${DIR}expected.json`, "utf8")) as Record<
    string,
    { wellFormed: boolean; rules?: string[] }
  >;
  const names = (await readdir(DIR)).filter((name) => name.endsWith(".txt")).sort();
  return Promise.all(
    names.map(async (name) => {
      const label = labels[name];
      if (!label) throw new Error(`fixtures/model-outputs/expected.json has no label for ${name}`);
      return {
        name,
        answer: await readFile(`${DIR}${name}`, "utf8"),
        wellFormed: label.wellFormed,
        rules: label.rules ?? [],
      };
    }),
  );
}

/** Whether an answer parses and applies cleanly to a base, and which rules reject it if not. */
export async function classifyAnswer(
  base: RepositorySnapshot,
  answer: string,
): Promise<{ wellFormed: boolean; rules: string[] }> {
  const { blocks, issues } = parseEdits(answer);
  const { problems } = await applyEdits(base, blocks);
  const rules = [
    ...new Set([...issues.map(() => "edits/format"), ...problems.map((problem) => problem.rule)]),
  ].sort();
  return { wellFormed: rules.length === 0, rules };
}

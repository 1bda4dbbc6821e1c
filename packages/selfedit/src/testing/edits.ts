import { formatEdits } from "../edit-format/format-edits.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";

/** One SEARCH/REPLACE block as answer text, for tests and benchmarks. */
export const block = (path: string, search: string, replace: string) =>
  formatEdits([{ path, search, replace }]);

/**
 * A harmless edit to a plugin file of a real checkout, built from whatever the file holds
 * at the snapshot's commit: a comment added above the first line that occurs only once.
 *
 * @example
 * const answer = await harmlessPluginEdit(await openGitSnapshot("."));
 */
export async function harmlessPluginEdit(snapshot: RepositorySnapshot): Promise<string> {
  const candidates = (await snapshot.listFiles()).filter((path) =>
    /^packages\/plugins\/[^/]+\/src\/[^/]+(?<!\.test)\.ts$/.test(path),
  );
  for (const path of candidates) {
    const lines = (await snapshot.readFile(path))?.split("\n") ?? [];
    const isUnique = (line: string) =>
      line.trim() !== "" && lines.filter((other) => other === line).length === 1;
    // A top-level declaration is an anchor anything may be inserted before; any unique line will do otherwise.
    const unique = lines.find((line) => line.startsWith("export ") && isUnique(line)) ?? lines.find(isUnique);
    if (unique !== undefined)
      return block(path, `${unique}\n`, `// Reviewed by the self-edit validator.\n${unique}\n`);
  }
  throw new Error("no plugin file with a unique line to edit");
}

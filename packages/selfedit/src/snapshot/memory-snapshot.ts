import type { RepositorySnapshot } from "./ports.ts";

/**
 * A snapshot held in memory: for tests, and for a flow that already has the files.
 *
 * @example
 * const base = createMemorySnapshot({ "src/a.ts": "export const a = 1;\n" }, "abc123");
 * await base.readFile("src/a.ts"); // "export const a = 1;\n"
 */
export function createMemorySnapshot(
  files: Readonly<Record<string, string>>,
  commit = "memory",
): RepositorySnapshot {
  const contents = new Map(Object.entries(files));
  const paths = [...contents.keys()].sort();
  return {
    commit,
    readFile: async (path) => contents.get(path),
    listFiles: async () => [...paths],
  };
}

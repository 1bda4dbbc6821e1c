import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitRun } from "./git-plumbing.ts";
import type { FileWrite } from "./ports.ts";

/**
 * Writes the tree of `base` with `changes` applied into the repository's object store and
 * returns its id, through a temporary index file: the repository's own index, work tree and
 * HEAD are never read or written.
 *
 * @example
 * const tree = await writeTree(dir, baseCommit, [{ path: "src/a.ts", content: "export {};\n" }]);
 */
export async function writeTree(dir: string, base: string, changes: readonly FileWrite[]): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), "megawatts-index-"));
  const env = { GIT_INDEX_FILE: join(scratch, "index") };
  try {
    await gitRun(dir, ["read-tree", base], { env });
    for (const change of changes) {
      if (change.content === null) {
        await gitRun(dir, ["update-index", "--force-remove", "--", change.path], { env });
        continue;
      }
      const blob = await gitRun(dir, ["hash-object", "-w", "--stdin"], { input: change.content });
      const staged = await gitRun(dir, ["ls-files", "--stage", "--", change.path], { env });
      const mode = staged.split(" ")[0] || "100644";
      await gitRun(dir, ["update-index", "--add", "--cacheinfo", `${mode},${blob},${change.path}`], { env });
    }
    return await gitRun(dir, ["write-tree"], { env });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Creates a commit of `tree` on `parent` with a fixed identity, or reuses the commit `ref`
 * already points at when it holds the same tree on the same parent; then points `ref` at it
 * (compare-and-swap, so a concurrent writer is noticed).
 */
export async function commitOnRef(
  dir: string,
  input: { ref: string; tree: string; parent: string; message: string; existing: string | undefined },
): Promise<{ commit: string; reused: boolean }> {
  if (input.existing) {
    const [tree, parent] = await Promise.all([
      gitRun(dir, ["rev-parse", `${input.existing}^{tree}`]),
      gitRun(dir, ["rev-parse", `${input.existing}^`]).catch(() => ""),
    ]);
    if (tree === input.tree && parent === input.parent) return { commit: input.existing, reused: true };
  }
  const identity = { name: "megawatts", email: "megawatts@localhost" };
  const env = {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
  const commit = await gitRun(dir, ["commit-tree", input.tree, "-p", input.parent, "-F", "-"], {
    env,
    input: input.message,
  });
  await gitRun(dir, ["update-ref", input.ref, commit, input.existing ?? ""]);
  return { commit, reused: false };
}

import { existsSync } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import type { FileChange } from "../../apply/types.ts";
import { git } from "../../snapshot/git-exec.ts";

/** A temporary checkout of the base commit with the change written into it. */
export interface Worktree {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Checks out `commit` of the repository at `repoDir` into a temporary `git worktree`, writes
 * the changed files, and links the checkout's `node_modules` folders (root and workspaces)
 * so nothing is installed. `remove()` deletes the worktree and its registration.
 *
 * @example
 * const tree = await materialise(repoDir, commit, changes, ["packages/core"]);
 * try { … } finally { await tree.remove(); }
 */
export async function materialise(
  repoDir: string,
  commit: string,
  changes: readonly FileChange[],
  workspaceDirs: readonly string[],
): Promise<Worktree> {
  const parent = await mkdtemp(join(tmpdir(), "selfedit-worktree-"));
  const dir = join(parent, "tree");
  const remove = async () => {
    await git(repoDir, ["worktree", "remove", "--force", dir]).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
    await git(repoDir, ["worktree", "prune"]).catch(() => undefined);
  };
  try {
    await git(repoDir, ["worktree", "add", "--detach", "--quiet", dir, commit]);
    for (const change of changes) {
      await mkdir(dirname(join(dir, change.path)), { recursive: true });
      await writeFile(join(dir, change.path), change.after);
    }
    await linkRootModules(repoDir, dir);
    for (const workspace of workspaceDirs) {
      const modules = join(repoDir, workspace, "node_modules");
      const link = join(dir, workspace, "node_modules");
      if (existsSync(modules) && existsSync(join(dir, workspace)) && !existsSync(link))
        await symlink(modules, link, "dir");
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}

/**
 * Fills the worktree's root node_modules with links to the checkout's packages, except that
 * a workspace package (a link back into the checkout) links to the worktree's own copy, so
 * tests run against the changed code rather than the checkout's.
 */
async function linkRootModules(repoDir: string, dir: string): Promise<void> {
  const source = join(repoDir, "node_modules");
  // A tracked node_modules (or link) in the tree is left as it is: nothing is written into it.
  if (!existsSync(source) || (await lstat(join(dir, "node_modules")).catch(() => undefined))) return;
  const root = await realpath(repoDir);
  const link = async (entry: string) => {
    const real = await realpath(join(source, entry)).catch(() => undefined);
    const inside = real?.startsWith(`${root}/`) === true && !real.includes("/node_modules/");
    const target = inside ? join(dir, relative(root, real)) : join(source, entry);
    await mkdir(dirname(join(dir, "node_modules", entry)), { recursive: true });
    await symlink(target, join(dir, "node_modules", entry), "dir");
  };
  for (const entry of await readdir(source)) {
    if (!entry.startsWith("@")) await link(entry);
    else for (const scoped of await readdir(join(source, entry))) await link(`${entry}/${scoped}`);
  }
}

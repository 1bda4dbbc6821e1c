import { cp, mkdir, mkdtemp, readdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { git } from "../snapshot/git-exec.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/repo/", import.meta.url));
/** The monorepo's own node_modules, so the fixture's tests and types resolve vitest and @types/node. */
const NODE_MODULES = fileURLToPath(new URL("../../../../node_modules", import.meta.url));

/** A throwaway git repository holding the fixture bot, committed once. */
export interface FixtureRepo {
  dir: string;
  /** Full sha of the commit holding the fixture files. */
  commit: string;
  remove(): Promise<void>;
}

async function stripSuffix(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".txt")) {
      const path = join(entry.parentPath, entry.name);
      await rename(path, path.slice(0, -".txt".length));
    }
  }
}

/**
 * Builds the fixture repository (files kept under `fixtures/repo/` with a `.txt` suffix so
 * this monorepo's tools leave them alone) in a temporary directory, with `extraFiles`
 * added, and commits it. Its `node_modules` links to this monorepo's.
 *
 * @example
 * const repo = await createFixtureRepo();
 * const base = await openGitSnapshot(repo.dir);
 * await repo.remove();
 */
export async function createFixtureRepo(
  extraFiles: Readonly<Record<string, string>> = {},
): Promise<FixtureRepo> {
  const dir = await mkdtemp(join(tmpdir(), "selfedit-fixture-"));
  await cp(FIXTURE, dir, { recursive: true });
  await stripSuffix(dir);
  for (const [path, text] of Object.entries(extraFiles)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await symlink(NODE_MODULES, join(dir, "node_modules"), "dir");
  const identity = [
    "-c",
    "user.name=Fixture",
    "-c",
    "user.email=fixture@example.com",
    "-c",
    "commit.gpgsign=false",
  ];
  await git(dir, ["-c", "init.defaultBranch=main", "init", "-q"]);
  await git(dir, ["add", "-A"]);
  await git(dir, [...identity, "commit", "-q", "-m", "Fixture bot"]);
  const commit = (await git(dir, ["rev-parse", "HEAD"])).trim();
  return { dir, commit, remove: () => rm(dir, { recursive: true, force: true }) };
}

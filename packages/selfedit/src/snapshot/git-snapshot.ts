import { SnapshotError } from "../errors.ts";
import { git, readBlobs } from "./git-exec.ts";
import type { RepositorySnapshot } from "./ports.ts";

/** A snapshot of a local git repository at one commit, with the directory it came from. */
export interface GitSnapshot extends RepositorySnapshot {
  /** The repository's top-level directory; the type and test stages use its node_modules. */
  dir: string;
}

/**
 * Opens a local repository at a commit (default `HEAD`) without touching its work tree:
 * files come from `git ls-tree -r` and `git cat-file`, so uncommitted changes are not seen.
 * Reads issued together are served by one `git cat-file --batch` process.
 *
 * @example
 * const base = await openGitSnapshot(".", "HEAD");
 * const manifest = await base.readFile("packages/plugins/system/src/manifest.ts");
 */
export async function openGitSnapshot(dir: string, rev = "HEAD"): Promise<GitSnapshot> {
  const top = (await git(dir, ["rev-parse", "--show-toplevel"])).trim();
  let commit: string;
  try {
    commit = (await git(top, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`])).trim();
  } catch (error) {
    throw new SnapshotError(`"${rev}" names no commit in ${top}`, { cause: error });
  }
  let entries: Promise<Map<string, string>> | undefined;
  const tree = () => {
    entries ??= listBlobs(top, commit);
    return entries;
  };
  const load = batchLoader((ids) => readBlobs(top, ids));
  return {
    dir: top,
    commit,
    async readFile(path) {
      const id = (await tree()).get(path);
      return id === undefined ? undefined : load(id);
    },
    listFiles: async () => [...(await tree()).keys()].sort(),
  };
}

/** Regular files (not links or submodules) at `commit`, by path, with their blob ids. */
async function listBlobs(dir: string, commit: string): Promise<Map<string, string>> {
  const output = await git(dir, ["ls-tree", "-r", "-z", "--full-tree", commit]);
  const blobs = new Map<string, string>();
  for (const record of output.split("\0")) {
    const tab = record.indexOf("\t");
    const [mode, type, id] = record.slice(0, tab).split(" ");
    if (type === "blob" && id && (mode === "100644" || mode === "100755"))
      blobs.set(record.slice(tab + 1), id);
  }
  return blobs;
}

/** Collects the ids asked for during one turn of the event loop and loads them in one call. */
function batchLoader(loadMany: (ids: string[]) => Promise<Map<string, string>>) {
  const cache = new Map<string, Promise<string>>();
  let pending: Map<string, { resolve(text: string): void; reject(error: unknown): void }> | undefined;
  const flush = (batch: NonNullable<typeof pending>) => {
    loadMany([...batch.keys()]).then(
      (texts) => {
        for (const [id, waiter] of batch) waiter.resolve(texts.get(id) ?? "");
      },
      (error) => {
        for (const [id, waiter] of batch) {
          cache.delete(id);
          waiter.reject(error);
        }
      },
    );
  };
  return (id: string): Promise<string> => {
    const known = cache.get(id);
    if (known) return known;
    if (!pending) {
      const batch = new Map();
      pending = batch;
      setImmediate(() => {
        pending = undefined;
        flush(batch);
      });
    }
    const waiting = pending;
    const promise = new Promise<string>((resolve, reject) => waiting.set(id, { resolve, reject }));
    cache.set(id, promise);
    return promise;
  };
}

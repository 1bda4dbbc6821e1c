import { SnapshotError } from "../errors.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";
import type { GithubClient } from "./github-client.ts";

interface TreeEntry {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

/** The head commit of the repository's default branch, and the branch's name. */
export async function defaultBranchHead(github: GithubClient): Promise<{ branch: string; commit: string }> {
  const { default_branch: branch } = await github.repoRequest<{ default_branch: string }>("GET", "");
  const ref = await github.repoRequest<{ object: { sha: string } }>(
    "GET",
    `/git/ref/heads/${encodeURIComponent(branch)}`,
  );
  return { branch, commit: ref.object.sha };
}

/** Runs at most `limit` loads at once. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * The repository at a commit (default: the head of the default branch), read through the Git
 * Data API: one recursive tree, then blobs on demand (eight at a time, each once).
 *
 * @example
 * const base = await openGithubSnapshot(github);
 * await base.readFile("packages/plugins/system/src/manifest.ts");
 */
export async function openGithubSnapshot(github: GithubClient, commit?: string): Promise<RepositorySnapshot> {
  const sha = commit ?? (await defaultBranchHead(github)).commit;
  const { tree } = await github.repoRequest<{ tree: { sha: string } }>("GET", `/git/commits/${sha}`);
  const listing = await github.repoRequest<{ tree: TreeEntry[]; truncated: boolean }>(
    "GET",
    `/git/trees/${tree.sha}?recursive=1`,
  );
  if (listing.truncated) throw new SnapshotError(`the tree of ${sha} is too large to list in one call`);
  const blobs = new Map(
    listing.tree
      .filter((entry) => entry.type === "blob" && (entry.mode === "100644" || entry.mode === "100755"))
      .map((entry) => [entry.path, entry.sha]),
  );
  const limit = limiter(8);
  const cache = new Map<string, Promise<string>>();
  const load = (blobSha: string) =>
    limit(async () => {
      const blob = await github.repoRequest<{ content: string; encoding: string }>(
        "GET",
        `/git/blobs/${blobSha}`,
      );
      return Buffer.from(blob.content, blob.encoding === "base64" ? "base64" : "utf8").toString("utf8");
    });
  return {
    commit: sha,
    async readFile(path) {
      const blobSha = blobs.get(path);
      if (blobSha === undefined) return undefined;
      let text = cache.get(blobSha);
      if (!text) {
        text = load(blobSha);
        cache.set(blobSha, text);
      }
      return text;
    },
    listFiles: async () => [...blobs.keys()].sort(),
  };
}

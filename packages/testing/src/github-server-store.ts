import { createHash } from "node:crypto";

/** A file of a tree: its mode and blob id. */
export interface TreeFile {
  mode: string;
  sha: string;
}

export interface StoredCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

export interface StoredPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: "open" | "closed";
  labels: string[];
}

const sha1 = (data: string | Buffer) => createHash("sha1").update(data).digest("hex");

/**
 * The git objects of one repository as the GitHub test server keeps them. Blob ids are real
 * git ids (`git hash-object` gives the same); trees are flat maps of paths, and tree and
 * commit ids hash a canonical JSON form, so equal content always gets an equal id.
 */
export class GitObjectStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, ReadonlyMap<string, TreeFile>>();
  readonly commits = new Map<string, StoredCommit>();
  /** `heads/<branch>` → commit id. */
  readonly refs = new Map<string, string>();
  readonly pulls: StoredPull[] = [];

  putBlob(bytes: Buffer): string {
    const sha = sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
    this.blobs.set(sha, bytes);
    return sha;
  }

  putTree(files: ReadonlyMap<string, TreeFile>): string {
    const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const sha = sha1(`tree ${JSON.stringify(sorted)}`);
    this.trees.set(sha, new Map(sorted));
    return sha;
  }

  putCommit(input: Omit<StoredCommit, "sha">): string {
    const sha = sha1(`commit ${JSON.stringify([input.tree, input.parents, input.message])}`);
    this.commits.set(sha, { sha, ...input });
    return sha;
  }

  /** Commits `files` (path → text) as the first commit of `branch`. */
  seed(branch: string, files: Readonly<Record<string, string>>): string {
    const tree = new Map(
      Object.entries(files).map(([path, text]) => [
        path,
        { mode: "100644", sha: this.putBlob(Buffer.from(text)) },
      ]),
    );
    const commit = this.putCommit({ tree: this.putTree(tree), parents: [], message: "Initial commit" });
    this.refs.set(`heads/${branch}`, commit);
    return commit;
  }

  /** The text of a file at a commit, for assertions. */
  readFile(commit: string, path: string): string | undefined {
    const tree = this.trees.get(this.commits.get(commit)?.tree ?? "");
    const file = tree?.get(path);
    return file ? this.blobs.get(file.sha)?.toString("utf8") : undefined;
  }

  /** Paths whose blob differs between two commits' trees (added, changed or removed). */
  changedPaths(from: string | undefined, to: string): string[] {
    const before = this.trees.get(this.commits.get(from ?? "")?.tree ?? "") ?? new Map<string, TreeFile>();
    const after = this.trees.get(this.commits.get(to)?.tree ?? "") ?? new Map<string, TreeFile>();
    const paths = new Set([...before.keys(), ...after.keys()]);
    return [...paths].filter((path) => before.get(path)?.sha !== after.get(path)?.sha);
  }
}

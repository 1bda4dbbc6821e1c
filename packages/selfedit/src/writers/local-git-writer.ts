import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { openGitSnapshot } from "../snapshot/git-snapshot.ts";
import { gitRun, resolveRef } from "./git-plumbing.ts";

export { gitRun } from "./git-plumbing.ts";

import { commitOnRef, writeTree } from "./local-tree.ts";
import { branchFor, type PullRequestInput, type PullRequestRef, type RepositoryWriter } from "./ports.ts";

/** A "pull request" of the local writer, as recorded under the record folder. */
export interface LocalPullRequest {
  number: number;
  requestId: string;
  revertOf?: string;
  title: string;
  body: string;
  labels: string[];
  branch: string;
  base: string;
  commit: string;
  /** `git diff base commit`. */
  diff: string;
  state: "open";
  createdAt: string;
}

export interface LocalGitWriterOptions {
  /** The local repository (any directory inside it). */
  dir: string;
  /** Where recorded pull requests are written, one `<request id>.json` each. */
  recordDir: string;
  /** The default branch's stand-in (default `HEAD`); only read. */
  baseRef?: string;
}

async function readRecord(path: string): Promise<LocalPullRequest | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as LocalPullRequest;
  } catch {
    return undefined;
  }
}

async function nextNumber(recordDir: string): Promise<number> {
  const names = (await readdir(recordDir)).filter((name) => name.endsWith(".json"));
  return names.length + 1;
}

/**
 * A repository writer on a local git repository: the branch `megawatts/<request id>` gets one
 * commit of the change on its base, made with plumbing (`hash-object`, a temporary index,
 * `write-tree`, `commit-tree`, `update-ref`), so the work tree, the index and HEAD stay as
 * they were. The "pull request" is a JSON record with the diff under `recordDir`.
 *
 * @example
 * const writer = createLocalGitWriter({ dir: ".", recordDir: ".data/pull-requests" });
 * const pr = await writer.openPullRequest({ requestId, baseCommit, changes, title, body, labels: [] });
 */
export function createLocalGitWriter(options: LocalGitWriterOptions): RepositoryWriter {
  const { dir, recordDir } = options;
  const open = async (input: PullRequestInput & { revertOf?: string }): Promise<PullRequestRef> => {
    await mkdir(recordDir, { recursive: true });
    const branch = branchFor(input.requestId);
    const ref = `refs/heads/${branch}`;
    const tree = await writeTree(dir, input.baseCommit, input.changes);
    const existing = await resolveRef(dir, ref);
    const message = `${input.title}\n\n${input.body}\n`;
    const { commit } = await commitOnRef(dir, { ref, tree, parent: input.baseCommit, message, existing });
    const file = join(recordDir, `${input.requestId}.json`);
    const url = pathToFileURL(file).href;
    const recorded = await readRecord(file);
    if (recorded?.commit === commit) return { number: recorded.number, url, branch, commit, reused: true };
    const record: LocalPullRequest = {
      number: recorded?.number ?? (await nextNumber(recordDir)),
      requestId: input.requestId,
      ...(input.revertOf ? { revertOf: input.revertOf } : {}),
      title: input.title,
      body: input.body,
      labels: [...input.labels],
      branch,
      base: input.baseCommit,
      commit,
      diff: await gitRun(dir, ["diff", "--no-color", "--no-ext-diff", input.baseCommit, commit]),
      state: "open",
      createdAt: new Date().toISOString(),
    };
    await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
    return { number: record.number, url, branch, commit, reused: false };
  };
  return {
    repository: `local:${dir}`,
    snapshot: (commit) => openGitSnapshot(dir, commit ?? options.baseRef ?? "HEAD"),
    openPullRequest: (input) => open(input),
    revert: (input) => open({ ...input, labels: [...new Set([...input.labels, "revert"])] }),
  };
}

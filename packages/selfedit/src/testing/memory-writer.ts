import { createMemorySnapshot } from "../snapshot/memory-snapshot.ts";
import type { RepositorySnapshot } from "../snapshot/ports.ts";
import {
  branchFor,
  type PullRequestInput,
  type PullRequestRef,
  type RepositoryWriter,
} from "../writers/ports.ts";

/** A repository writer in memory, for tests: one base commit, and the pull requests it was asked for. */
export interface MemoryWriter extends RepositoryWriter {
  /** Every pull request opened, in order (a repeated request id is returned, not opened again). */
  readonly opened: (PullRequestInput & { revertOf?: string; number: number })[];
  /** Replaces the files later snapshots show (the default branch moved on). */
  advance(files: Readonly<Record<string, string>>, commit: string): void;
}

/**
 * A `RepositoryWriter` over files in memory: snapshots of the current files (any commit asked
 * for gets the same files), pull requests recorded by request id, idempotently.
 *
 * @example
 * const writer = createMemoryWriter({ "packages/plugins/a/src/a.ts": "export {};\n" });
 * await writer.openPullRequest(input); writer.opened.length // 1
 */
export function createMemoryWriter(
  files: Readonly<Record<string, string>>,
  commit = "base0000",
): MemoryWriter {
  let snapshot: RepositorySnapshot = createMemorySnapshot(files, commit);
  const opened: MemoryWriter["opened"] = [];
  const open = async (input: PullRequestInput & { revertOf?: string }): Promise<PullRequestRef> => {
    const known = opened.find((pull) => pull.requestId === input.requestId);
    const number = known?.number ?? opened.length + 1;
    if (!known) opened.push({ ...input, number });
    const ref = { number, url: `https://example.test/pull/${number}`, branch: branchFor(input.requestId) };
    return { ...ref, commit: `commit-${input.requestId}`, reused: Boolean(known) };
  };
  return {
    repository: "memory/repo",
    opened,
    snapshot: async () => snapshot,
    openPullRequest: open,
    revert: (input) => open({ ...input, labels: [...input.labels, "revert"] }),
    advance(next, nextCommit) {
      snapshot = createMemorySnapshot(next, nextCommit);
    },
  };
}

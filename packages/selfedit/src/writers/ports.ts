import type { RepositorySnapshot } from "../snapshot/ports.ts";

/** A file as a change leaves it; `content: null` deletes it. */
export interface FileWrite {
  path: string;
  content: string | null;
}

/** What a pull request is opened from. */
export interface PullRequestInput {
  /** The self-edit request id; the branch is `megawatts/<request id>`. */
  requestId: string;
  /** The commit the change was validated against; the branch's commit has it as parent. */
  baseCommit: string;
  changes: readonly FileWrite[];
  title: string;
  /** Markdown: the request, the validation report. */
  body: string;
  labels: readonly string[];
}

/** A revert is a pull request of the reversed changes, against the current base. */
export interface RevertInput extends PullRequestInput {
  /** The request whose change is reverted. */
  revertOf: string;
}

/** An opened (or found) pull request. */
export interface PullRequestRef {
  number: number;
  url: string;
  branch: string;
  commit: string;
  /** True when a retry found the pull request already open and opened nothing. */
  reused: boolean;
}

/**
 * Where self-edits become branches and pull requests: a GitHub App (`@megawatts/selfedit/github`)
 * or a local git repository (`createLocalGitWriter`). Both are idempotent per request id: a
 * retried job finds the branch and the open pull request and opens nothing twice. Neither
 * ever touches a work tree or a checked-out branch.
 */
export interface RepositoryWriter {
  /** Names the repository, e.g. `owner/name` or `local:<dir>`. */
  readonly repository: string;
  /** The repository at `commit`, or at the head of its default branch. */
  snapshot(commit?: string): Promise<RepositorySnapshot>;
  openPullRequest(input: PullRequestInput): Promise<PullRequestRef>;
  /** Opens the pull request of a revert, labelled as one. */
  revert(input: RevertInput): Promise<PullRequestRef>;
}

/** The branch of a request. */
export const branchFor = (requestId: string) => `megawatts/${requestId}`;

/** The request id a self-edit branch name carries, or undefined for any other branch. */
export function requestIdOfBranch(branch: string | null | undefined): string | undefined {
  const match = /^(?:refs\/heads\/)?megawatts\/(se_[0-9A-Z]{26})$/.exec(branch ?? "");
  return match?.[1];
}

/** Raised when a repository writer cannot do what it was asked; keeps the service's answer as cause. */
export class RepositoryWriteError extends Error {
  override name = "RepositoryWriteError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

import type { DiffStat, ProposalStop, Risk, StageName, StageStatus, TokenCount } from "@megawatts/selfedit";

/** Where a request stands. */
export type SelfEditStatus =
  | "proposing"
  | "proposed"
  | "rejected"
  | "opened"
  | "discarded"
  | "failed"
  | "merged"
  | "closed";

/** A request's pull request, as the repository writer opened it. */
export interface PullRequestRecord {
  number: number;
  url: string;
  branch: string;
  commit: string;
}

/**
 * One self-edit request as stored in the `self-edit` data class (`SE#<request id>`), without
 * its text: `request` is a sealed field, opened only to show it.
 */
export interface SelfEditRecord {
  requestId: string;
  kind: "change" | "revert";
  /** For a revert: the request whose change it reverts. */
  revertOf?: string;
  status: SelfEditStatus;
  requestedBy: string;
  target?: string;
  preset: string;
  repository?: string;
  baseCommit?: string;
  rounds: number;
  tokens: TokenCount;
  stop?: ProposalStop;
  decision?: string;
  risk?: Risk;
  summary?: string;
  diffStat?: DiffStat;
  stages?: { stage: StageName; status: StageStatus }[];
  /** The accepted round's SEARCH/REPLACE blocks, formatted: what approval applies and revert reverses. */
  edits?: string;
  /** Where the proposal message is, for updates from GitHub. */
  channelId?: string;
  messageId?: string;
  pullRequest?: PullRequestRecord;
  checks?: { conclusion: string; name: string; url?: string };
  /** Why a `failed` request failed, in words a maintainer can act on. */
  failure?: string;
  /** Who approved or discarded it. */
  decidedBy?: string;
  createdAt: number;
  updatedAt: number;
}

/** What a round item (`SE#<request id>#R<nn>`) keeps. */
export interface RoundRecord {
  requestId: string;
  round: number;
  tokens: TokenCount;
  ms: number;
  decision: string;
  risk: Risk;
  summary: string;
  stages: { stage: StageName; status: StageStatus; violations: number; reason?: string }[];
  feedback?: string;
  /** The model's answer (code, never the request), cut at 40,000 characters. */
  answer: string;
  /** The diff of what applied, cut at 40,000 characters. */
  diff: string;
}

/** The statuses in which a request is finished, for statistics. */
export const FINISHED: readonly SelfEditStatus[] = [
  "rejected",
  "opened",
  "discarded",
  "failed",
  "merged",
  "closed",
];
/** The statuses that count as a success: a pull request came out of it. */
export const SUCCEEDED: readonly SelfEditStatus[] = ["opened", "merged", "closed"];

import { applyEdits, parseEdits, pullRequestBody, pullRequestTitle } from "@megawatts/selfedit";
import type { SelfEditRecord } from "../records/record.ts";
import { type RecordDeps, updateRecord } from "../records/store.ts";
import type { PipelineRun } from "./deps.ts";

/** Raised when a stored change no longer applies to its own base commit (the record was altered). */
export class StoredChangeError extends Error {
  override name = "StoredChangeError";
}

/**
 * Opens the pull request of an approved request: its stored blocks are applied again to its
 * base commit (so exactly the validated change is opened), then the repository writer makes
 * the branch, commit and pull request, idempotently. The record becomes `opened`.
 *
 * @example
 * record = await openPullRequestFor(deps, records, guild, record, request, approverId);
 */
export async function openPullRequestFor(
  deps: PipelineRun,
  records: RecordDeps,
  guild: string,
  record: SelfEditRecord,
  request: string,
  decidedBy: string,
): Promise<SelfEditRecord> {
  if (!record.edits || !record.baseCommit)
    throw new StoredChangeError(`${record.requestId} has no stored change`);
  const base = await deps.writer.snapshot(record.baseCommit);
  const applied = await applyEdits(base, parseEdits(record.edits).blocks);
  if (applied.problems.length > 0)
    throw new StoredChangeError(
      `${record.requestId} no longer applies to ${record.baseCommit}: ${applied.problems[0]?.message}`,
    );
  const pullRequest = await deps.writer.openPullRequest({
    requestId: record.requestId,
    baseCommit: record.baseCommit,
    changes: applied.changes.map((change) => ({ path: change.path, content: change.after })),
    title: pullRequestTitle(request),
    body: pullRequestBody(record, request, deps.chat?.id),
    labels: ["self-edit", `risk:${record.risk ?? "unknown"}`],
  });
  const { reused: _reused, ...opened } = pullRequest;
  return updateRecord(records, guild, record.requestId, { status: "opened", pullRequest: opened, decidedBy });
}

import { type JobContext, VisibleError } from "@megawatts/core";
import { type FileChange, parseEdits, pullRequestBody, reverseEdits, unifiedDiff } from "@megawatts/selfedit";
import { RevertPayloadSchema } from "../payloads.ts";
import { createRecord, loadRecord, updateRecord } from "../records/store.ts";
import { proposalMessage } from "../render/proposal.ts";
import { jobScope, type PipelineRun } from "./deps.ts";
import { replyWithRecord } from "./reply-with-record.ts";

/**
 * `selfedit.revert`: reverses a request's stored change against the repository as it is now
 * and opens that as a pull request labelled `revert` (the command is the maintainer's
 * approval; the pull request is still reviewed). Parts edited since are reported, and then
 * nothing is opened.
 */
export async function revertJob(deps: PipelineRun, context: JobContext): Promise<void> {
  const payload = RevertPayloadSchema.parse(context.payload);
  const { guild, user, records } = jobScope(deps, context);
  const original = await loadRecord(records, guild, payload.revertOf);
  if (!original) throw new VisibleError(`No self-edit \`${payload.revertOf}\` in this server.`);
  if (!original.edits || !original.pullRequest)
    throw new VisibleError(
      `Self-edit \`${payload.revertOf}\` opened no pull request: there is nothing to revert.`,
    );
  const request = `Revert self-edit ${payload.revertOf} (pull request #${original.pullRequest.number}).`;
  const fresh = {
    requestId: payload.requestId,
    kind: "revert" as const,
    revertOf: payload.revertOf,
    status: "proposing" as const,
    requestedBy: user,
    preset: deps.settings.preset,
    repository: deps.writer.repository,
    rounds: 0,
    tokens: { prompt: 0, completion: 0 },
  };
  let record = await createRecord(records, guild, fresh, request);
  if (record.status !== "proposing") return replyWithRecord(deps, context, record);
  const current = await deps.writer.snapshot();
  const { writes, conflicts } = await reverseEdits(parseEdits(original.edits).blocks, current);
  if (conflicts.length > 0 || writes.length === 0) {
    record = await updateRecord(records, guild, record.requestId, {
      status: "failed",
      summary: conflicts.join("; ") || "nothing left to revert",
      failure:
        conflicts.length > 0
          ? `The change no longer reverts cleanly: ${conflicts.join("; ")}.`
          : "Nothing is left to revert.",
    });
    return context.reply(
      proposalMessage({
        record,
        request,
        feedback: conflicts.map((line) => `- ${line}`).join("\n") || "Nothing left to revert.",
      }),
    );
  }
  const changes: FileChange[] = await Promise.all(
    writes.map(async (write) => ({
      path: write.path,
      before: await current.readFile(write.path),
      after: write.content ?? "",
      blocks: [],
    })),
  );
  const { diff, stat } = unifiedDiff(changes);
  record = await updateRecord(records, guild, record.requestId, {
    baseCommit: current.commit,
    diffStat: stat,
    decision: "needs-review",
  });
  const pullRequest = await deps.writer.revert({
    requestId: record.requestId,
    revertOf: payload.revertOf,
    baseCommit: current.commit,
    changes: writes,
    title: `Revert self-edit ${payload.revertOf}`,
    body: pullRequestBody(record, request),
    labels: ["self-edit"],
  });
  const { reused: _reused, ...opened } = pullRequest;
  record = await updateRecord(records, guild, record.requestId, {
    status: "opened",
    pullRequest: opened,
    decidedBy: user,
  });
  await context.reply(proposalMessage({ record, request, diff }));
}

import { type JobContext, VisibleError } from "@megawatts/core";
import {
  createValidator,
  formatEdits,
  formatFeedback,
  type GatheredContext,
  gatherContext,
  type Proposal,
  type ProposalRound,
  parseEdits,
  proposeEdits,
  type RepositorySnapshot,
  TargetError,
} from "@megawatts/selfedit";
import { RequestPayloadSchema } from "../payloads.ts";
import type { SelfEditRecord } from "../records/record.ts";
import { createRecord, saveRound, updateRecord } from "../records/store.ts";
import { proposalMessage } from "../render/proposal.ts";
import { jobScope, type PipelineRun } from "./deps.ts";
import { openPullRequestFor } from "./open-pull-request.ts";
import { replyWithRecord } from "./reply-with-record.ts";
import { roundRecord, stagesOf } from "./round-record.ts";

const NO_MODEL =
  "No model is configured for self-editing: set `OPENAI_API_KEY` (or `OPENAI_BASE_URL` for an OpenAI-compatible server) and try again.";

async function gather(deps: PipelineRun, base: RepositorySnapshot, request: string, target?: string) {
  try {
    return await gatherContext({
      base,
      request,
      target,
      embedder: deps.embedder,
      budgetTokens: deps.budgetTokens ?? 12_000,
    });
  } catch (error) {
    if (error instanceof TargetError) throw new VisibleError(error.message, { cause: error });
    throw error;
  }
}

function outcome(proposal: Proposal, base: RepositorySnapshot): Partial<SelfEditRecord> {
  const { report, answer } = proposal.final;
  const accepted = proposal.stop === "accepted";
  return {
    status: accepted ? "proposed" : "rejected",
    baseCommit: base.commit,
    rounds: proposal.rounds.length,
    tokens: proposal.tokens,
    stop: proposal.stop,
    decision: report.decision,
    risk: report.risk,
    summary: report.summary,
    diffStat: report.diffStat,
    stages: stagesOf(report),
    ...(accepted ? { edits: formatEdits(parseEdits(answer).blocks) } : {}),
  };
}

async function propose(
  deps: PipelineRun,
  context: JobContext,
  record: SelfEditRecord,
  request: string,
  code: GatheredContext,
  base: RepositorySnapshot,
) {
  const { guild, user, records } = jobScope(deps, context);
  const options = { ...deps.validation, preset: deps.settings.preset };
  const validator = createValidator({
    base,
    options,
    ...(deps.checkoutDir ? { checkoutDir: deps.checkoutDir } : {}),
  });
  let tokens = { prompt: 0, completion: 0 };
  const onRound = async (round: ProposalRound) => {
    await saveRound(records, guild, user, roundRecord(record.requestId, round));
    tokens = {
      prompt: tokens.prompt + round.tokens.prompt,
      completion: tokens.completion + round.tokens.completion,
    };
    const progress = await updateRecord(records, guild, record.requestId, { rounds: round.round, tokens });
    if (round.feedback)
      await context.reply(proposalMessage({ record: progress, request, feedback: round.feedback }));
  };
  if (!deps.chat) throw new Error("no chat model");
  return proposeEdits({
    chat: deps.chat,
    validator,
    request,
    target: record.target,
    context: code,
    options,
    maxRepairs: deps.maxRepairs ?? 3,
    signal: context.signal,
    onRound,
  });
}

/**
 * `selfedit.request`: records the request (text sealed), gathers the code at the base commit,
 * runs the model's repair loop through the validator (every round stored), and shows the
 * result with Approve and Discard buttons — or opens the pull request at once when the preset
 * is automatic and the validator approved. A redelivered job shows the stored outcome again.
 */
export async function requestJob(deps: PipelineRun, context: JobContext): Promise<void> {
  const payload = RequestPayloadSchema.parse(context.payload);
  const { guild, user, records } = jobScope(deps, context);
  const fresh = {
    requestId: payload.requestId,
    kind: "change" as const,
    status: "proposing" as const,
    requestedBy: user,
    ...(payload.target ? { target: payload.target } : {}),
    preset: deps.settings.preset,
    repository: deps.writer.repository,
    rounds: 0,
    tokens: { prompt: 0, completion: 0 },
  };
  let record = await createRecord(records, guild, fresh, payload.request);
  if (record.status !== "proposing") return replyWithRecord(deps, context, record);
  if (!deps.chat) {
    await updateRecord(records, guild, record.requestId, { status: "failed", failure: NO_MODEL });
    throw new VisibleError(NO_MODEL);
  }
  await context.reply(proposalMessage({ record, request: payload.request }));
  const base = await deps.writer.snapshot();
  const code = await gather(deps, base, payload.request, payload.target);
  const proposal = await propose(deps, context, record, payload.request, code, base);
  record = await updateRecord(records, guild, record.requestId, {
    ...outcome(proposal, base),
    ...(context.job.interaction.channelId ? { channelId: context.job.interaction.channelId } : {}),
  });
  const automatic = deps.settings.preset === "automatic" && proposal.final.report.decision === "approve";
  if (record.status === "proposed" && automatic)
    record = await openPullRequestFor(deps, records, guild, record, payload.request, "automatic");
  const feedback = record.status === "rejected" ? formatFeedback(proposal.final.report) : undefined;
  await context.reply(
    proposalMessage({
      record,
      request: payload.request,
      diff: proposal.final.report.diff,
      ...(feedback ? { feedback } : {}),
    }),
  );
}

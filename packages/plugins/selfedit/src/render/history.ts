import { plural, type ResponderMessage } from "@megawatts/core";
import type { SelfEditStats } from "../records/history.ts";
import type { RoundRecord, SelfEditRecord } from "../records/record.ts";
import { stageLine, statusLine } from "./status-line.ts";

const number = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 1 });
const when = (epochMs: number) => `<t:${Math.floor(epochMs / 1000)}:R>`;
const tokensOf = (record: { tokens: { prompt: number; completion: number } }) =>
  record.tokens.prompt + record.tokens.completion;

function roundLine(round: RoundRecord): string {
  const failed = round.stages.filter((stage) => stage.status === "fail").map((stage) => stage.stage);
  const outcome = failed.length > 0 ? `${round.decision} (${failed.join(", ")} failed)` : round.decision;
  return `- round ${round.round}: ${outcome} · ${number(round.tokens.prompt + round.tokens.completion)} tokens · ${number(round.ms / 1000)} s`;
}

/**
 * One request in detail: its status line, the request, who asked and when, each round's
 * outcome and tokens, and the last validation's stages.
 *
 * @example
 * await reply(statusMessage(record, text, rounds));
 */
export function statusMessage(
  record: SelfEditRecord,
  request: string,
  rounds: readonly RoundRecord[],
): ResponderMessage {
  const lines = [
    statusLine(record),
    `> ${request.replace(/\n/g, "\n> ").slice(0, 1_200)}`,
    `Asked by <@${record.requestedBy}> ${when(record.createdAt)} · preset ${record.preset}${record.target ? ` · target \`${record.target}\`` : ""}`,
    ...rounds.map(roundLine),
    ...(record.stages?.length ? [`Validation: ${stageLine(record.stages)}`] : []),
    ...(record.summary ? [`Summary: ${record.summary.slice(0, 400)}`] : []),
  ];
  return { content: lines.join("\n"), allowed_mentions: { parse: [] } };
}

function historyLine(record: SelfEditRecord): string {
  const pr = record.pullRequest ? ` #${record.pullRequest.number}` : "";
  const kind = record.kind === "revert" ? " (revert)" : "";
  return `- \`${record.requestId}\`${kind} ${when(record.createdAt)} · ${record.status}${pr} · ${plural(record.rounds, "round")} · ${number(tokensOf(record))} tokens`;
}

/**
 * Recent requests, newest first, with outcome, rounds and tokens, then the statistics over
 * them: success rate, mean repair rounds, tokens.
 *
 * @example
 * await reply(historyMessage(records, statsOf(records)));
 */
export function historyMessage(records: readonly SelfEditRecord[], stats: SelfEditStats): ResponderMessage {
  if (records.length === 0)
    return {
      content: "No self-edit requests here yet. Start one with `/improve request`.",
      allowed_mentions: { parse: [] },
    };
  const rate = Math.round(stats.successRate * 100);
  const lines = [
    `**Self-edit history** (latest ${records.length})`,
    ...records.map(historyLine),
    "",
    `**Statistics**: ${rate} % led to a pull request (${stats.finished} finished, ${stats.merged} merged) · ` +
      `mean repair rounds ${number(stats.meanRepairRounds)} · ${number(stats.tokens)} tokens (mean ${number(stats.meanTokens)} a request)`,
  ];
  return { content: lines.join("\n"), allowed_mentions: { parse: [] } };
}

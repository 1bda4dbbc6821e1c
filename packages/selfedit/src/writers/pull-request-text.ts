import { plural } from "../plural.ts";
import type { TokenCount } from "../propose/propose-edits.ts";
import type { DiffStat, StageName, StageStatus } from "../validate/types.ts";

/** What a pull request's body says about a self-edit (a stored self-edit record has it all). */
export interface PullRequestFacts {
  requestId: string;
  revertOf?: string;
  preset: string;
  decision?: string;
  risk?: string;
  summary?: string;
  diffStat?: DiffStat;
  rounds: number;
  tokens: TokenCount;
  stages?: { stage: StageName; status: StageStatus }[];
}

const ICONS = { pass: "✅", warn: "⚠️", fail: "❌", skipped: "⏭️" } as const;

/**
 * The title of a self-edit's pull request: the request's first line, shortened.
 *
 * @example
 * pullRequestTitle("Make the greeting warmer\nand shorter") // "Self-edit: Make the greeting warmer"
 */
export function pullRequestTitle(request: string): string {
  const first = request.trim().split("\n")[0] ?? "";
  return `Self-edit: ${first.length > 72 ? `${first.slice(0, 71)}…` : first}`;
}

/**
 * The body of a self-edit's pull request: the request, the validation report (decision, risk,
 * size, rounds and tokens, each stage) and how it came about. No Discord user ids.
 *
 * @example
 * const body = pullRequestBody(record, request, "openai:gpt-4o-mini");
 */
export function pullRequestBody(record: PullRequestFacts, request: string, model?: string): string {
  const stat = record.diffStat;
  const size = stat ? `${plural(stat.files, "file")}, +${stat.added} −${stat.removed}` : "";
  const tokens = (record.tokens.prompt + record.tokens.completion).toLocaleString("en-US");
  return [
    "## Request",
    "",
    request
      .trim()
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n"),
    "",
    "## Validation",
    "",
    `**${record.decision ?? "n/a"}** · ${record.risk ?? "n/a"} risk · ${size} · ${plural(record.rounds, "round")} · ${tokens} tokens${model ? ` · ${model}` : ""}`,
    "",
    "| stage | result |",
    "| --- | --- |",
    ...(record.stages ?? []).map((stage) => `| ${stage.stage} | ${ICONS[stage.status]} ${stage.status} |`),
    "",
    record.summary ?? "",
    "",
    `Self-edit \`${record.requestId}\`${record.revertOf ? ` reverting \`${record.revertOf}\`` : ""}, approved by a maintainer in Discord (preset ${record.preset}). Merging it deploys it through CI; the bot never changes its running code.`,
  ].join("\n");
}

import type { SelfEditRecord } from "../records/record.ts";

const STAGE_ICONS = { pass: "✅", warn: "⚠️", fail: "❌", skipped: "⏭️" } as const;

/**
 * The stages of the last validation on one line, each with its outcome.
 *
 * @example
 * stageLine([{ stage: "edits", status: "pass" }, { stage: "tests", status: "skipped" }]) // "✅ edits · ⏭️ tests"
 */
export function stageLine(stages: SelfEditRecord["stages"]): string {
  return (stages ?? []).map((stage) => `${STAGE_ICONS[stage.status]} ${stage.stage}`).join(" · ");
}

function checksNote(record: SelfEditRecord): string {
  if (!record.checks) return "";
  const ok = record.checks.conclusion === "success";
  return ` · checks ${ok ? "✅" : "❌"} ${record.checks.conclusion}`;
}

/**
 * The first line of a self-edit's message: what state it is in, with the pull request and
 * its checks once there are some. Updates from GitHub replace only this line.
 *
 * @example
 * statusLine({ ...record, status: "opened", pullRequest }) // "🔀 **Self-edit `se_…`** — pull request #7 opened: <url>"
 */
export function statusLine(record: SelfEditRecord): string {
  const head = `**${record.kind === "revert" ? "Revert" : "Self-edit"} \`${record.requestId}\`**`;
  const pr = record.pullRequest;
  const rounds = `${record.rounds} round${record.rounds === 1 ? "" : "s"}`;
  switch (record.status) {
    case "proposing":
      return `⏳ ${head} — working on it${record.rounds > 0 ? ` (${rounds} so far)` : ""}…`;
    case "proposed":
      return `📝 ${head} — waiting for a maintainer to approve or discard it`;
    case "rejected":
      return `❌ ${head} — no valid change after ${rounds}`;
    case "discarded":
      return `🗑️ ${head} — discarded${record.decidedBy ? ` by <@${record.decidedBy}>` : ""}`;
    case "failed":
      return `⚠️ ${head} — failed; nothing was opened.${record.failure ? ` ${record.failure}` : ""}`;
    case "opened":
      return `🔀 ${head} — pull request #${pr?.number} opened: ${pr?.url}${checksNote(record)}`;
    case "merged":
      return `✅ ${head} — pull request #${pr?.number} merged: ${pr?.url}${checksNote(record)}`;
    case "closed":
      return `🚫 ${head} — pull request #${pr?.number} closed without merging${checksNote(record)}`;
  }
}

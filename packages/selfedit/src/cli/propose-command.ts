import { join, resolve } from "node:path";
import { createHashEmbedder } from "@megawatts/ai/local";
import { createOpenAiChat, createOpenAiClient } from "@megawatts/ai/openai";
import { ulid } from "ulid";
import { gatherContext } from "../context/gather-context.ts";
import { CliUsageError } from "../errors.ts";
import { plural } from "../plural.ts";
import { type Proposal, type ProposalChat, proposeEdits } from "../propose/propose-edits.ts";
import { openGitSnapshot } from "../snapshot/git-snapshot.ts";
import { createValidator } from "../validate/validator.ts";
import { createLocalGitWriter } from "../writers/local-git-writer.ts";
import { pullRequestBody, pullRequestTitle } from "../writers/pull-request-text.ts";
import { roundText } from "./print-proposal.ts";
import { type ProposeArgs, parseProposeArgs } from "./propose-args.ts";

/** Where `propose` reads and writes, and how it asks before opening anything. */
export interface ProposeIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a yes/no question on a terminal; absent when there is none (then only `--approve` opens). */
  confirm?(question: string): Promise<boolean>;
}

function chatFrom(env: ProposeIo["env"], model: string | undefined): ProposalChat {
  const baseURL = env.OPENAI_BASE_URL;
  if (!env.OPENAI_API_KEY && !baseURL)
    throw new CliUsageError(
      "no model: set OPENAI_API_KEY, or OPENAI_BASE_URL for an OpenAI-compatible server",
    );
  const client = createOpenAiClient({
    apiKey: env.OPENAI_API_KEY ?? "local",
    ...(baseURL ? { baseURL } : {}),
  });
  const chosen = model ?? env.SELFEDIT_MODEL;
  return createOpenAiChat({ client, ...(chosen ? { model: chosen } : {}) });
}

async function propose(args: ProposeArgs, io: ProposeIo) {
  const chat = chatFrom(io.env, args.model);
  const base = await openGitSnapshot(io.cwd, args.base);
  const context = await gatherContext({
    base,
    request: args.request,
    target: args.target,
    embedder: createHashEmbedder(),
    budgetTokens: args.budget,
  });
  io.stdout(
    `Base ${base.commit.slice(0, 12)} · ${context.files.length} files, ${context.chunks.length} declarations, ~${context.tokens} tokens of context · ${chat.id}\n\n`,
  );
  const options = { preset: args.preset, tests: { run: args.tests, skipReason: "--no-tests" } };
  const validator = createValidator({ base, options });
  const proposal = await proposeEdits({
    chat,
    validator,
    request: args.request,
    target: args.target,
    context,
    options,
    onRound: (round) => io.stdout(roundText(round)),
  });
  return { base, proposal };
}

function report(proposal: Proposal, io: ProposeIo) {
  const { report: final } = proposal.final;
  const tokens = proposal.tokens.prompt + proposal.tokens.completion;
  io.stdout(
    `Stopped: ${proposal.stop} after ${plural(proposal.rounds.length, "round")}, ${tokens.toLocaleString("en-US")} tokens\n`,
  );
  io.stdout(`${final.summary}\n\n${final.diff}\n`);
}

/**
 * `selfedit propose "<request>"`: the whole request flow on this checkout — context, the
 * model's rounds through the validator (each printed), the final report and diff — and, once
 * approved (`--approve` or a yes on the terminal), the branch `megawatts/<id>` with one commit
 * and a pull request record under `$MEGAWATTS_DATA_DIR/pull-requests`. Exit 0 when opened,
 * 2 when not approved, 1 when no valid change came out.
 *
 * @example
 * await proposeCommand(["Make the greeting warmer", "--target", "greet", "--approve"], io);
 */
export async function proposeCommand(argv: string[], io: ProposeIo): Promise<number> {
  const args = parseProposeArgs(argv);
  const { base, proposal } = await propose(args, io);
  report(proposal, io);
  const { report: final } = proposal.final;
  if (proposal.stop !== "accepted") return 1;
  const approved =
    args.approve ||
    (final.decision === "approve" && args.preset === "automatic") ||
    ((await io.confirm?.("Open the branch and pull request record? [y/N] ")) ?? false);
  if (!approved) {
    io.stderr("Not approved: nothing was written. Run again with --approve to open it.\n");
    return 2;
  }
  const requestId = `se_${ulid()}`;
  const dataDir = resolve(io.cwd, io.env.MEGAWATTS_DATA_DIR ?? ".data");
  const writer = createLocalGitWriter({ dir: base.dir, recordDir: join(dataDir, "pull-requests") });
  const facts = {
    requestId,
    preset: args.preset,
    decision: final.decision,
    risk: final.risk,
    summary: final.summary,
    diffStat: final.diffStat,
    rounds: proposal.rounds.length,
    tokens: proposal.tokens,
    stages: final.stages,
  };
  const pr = await writer.openPullRequest({
    requestId,
    baseCommit: base.commit,
    changes: final.changes.map((change) => ({ path: change.path, content: change.after })),
    title: pullRequestTitle(args.request),
    body: pullRequestBody(facts, args.request),
    labels: ["self-edit", `risk:${final.risk}`],
  });
  io.stdout(`Opened ${pr.branch} at ${pr.commit.slice(0, 12)} (pull request #${pr.number}: ${pr.url})\n`);
  return 0;
}

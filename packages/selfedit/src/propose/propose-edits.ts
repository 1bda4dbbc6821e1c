import type { GatheredContext } from "../context/gather-context.ts";
import { resolveConfig, type ValidationOptions } from "../validate/config.ts";
import { formatFeedback } from "../validate/feedback.ts";
import type { ValidationReport } from "../validate/types.ts";
import type { Validator } from "../validate/validator.ts";
import { type PromptMessage, repairPrompt, requestPrompt, systemPrompt } from "./prompt.ts";

/** A chat model (structurally the core `ChatModel`). */
export interface ProposalChat {
  readonly id: string;
  complete(
    messages: PromptMessage[],
    options?: { maxTokens?: number; temperature?: number; signal?: AbortSignal },
  ): Promise<{ text: string; tokens: { prompt: number; completion: number } }>;
}

export interface TokenCount {
  prompt: number;
  completion: number;
}

/** One ask-and-validate round. */
export interface ProposalRound {
  /** 1 for the first answer, 2–4 for repairs. */
  round: number;
  answer: string;
  report: ValidationReport;
  tokens: TokenCount;
  /** What the model is told next (only after a rejected round). */
  feedback?: string;
  ms: number;
}

/** Why the loop ended: a change worth showing, an error the model repeated, or no repairs left. */
export type ProposalStop = "accepted" | "repeated-error" | "out-of-rounds";

export interface Proposal {
  rounds: ProposalRound[];
  final: ProposalRound;
  stop: ProposalStop;
  tokens: TokenCount;
}

export interface ProposeInput {
  chat: ProposalChat;
  validator: Validator;
  request: string;
  target?: string | undefined;
  context: GatheredContext;
  /** The options the validator was built with (for the scope and protected paths in the prompt). */
  options?: ValidationOptions;
  /** Repair rounds after the first answer (default 3). */
  maxRepairs?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  /** Called after each round, e.g. to store it and show progress. */
  onRound?(round: ProposalRound): Promise<void> | void;
}

/** The errors of a report as a comparable key: rule, file and message of each, sorted. */
export function errorKey(report: ValidationReport): string {
  return report.stages
    .flatMap((stage) => stage.violations)
    .filter((violation) => violation.severity === "error")
    .map((violation) => `${violation.rule}|${violation.file}|${violation.message}`)
    .sort()
    .join("\n");
}

/**
 * Asks the model for SEARCH/REPLACE blocks, validates each answer against the base, and feeds
 * the validator's findings back for at most `maxRepairs` repair rounds. Stops at the first
 * answer that is not rejected, or early when a round repeats the previous round's errors.
 *
 * @example
 * const proposal = await proposeEdits({ chat, validator, request, context, onRound: store });
 * if (proposal.stop === "accepted") show(proposal.final.report);
 */
export async function proposeEdits(input: ProposeInput): Promise<Proposal> {
  const maxRounds = 1 + (input.maxRepairs ?? 3);
  const messages: PromptMessage[] = [
    { role: "system", content: systemPrompt(resolveConfig(input.options)) },
    { role: "user", content: requestPrompt(input.request, input.context, input.target) },
  ];
  const rounds: ProposalRound[] = [];
  let stop: ProposalStop = "out-of-rounds";
  for (let round = 1; round <= maxRounds; round++) {
    const started = performance.now();
    const completion = await input.chat.complete(messages, {
      maxTokens: input.maxTokens ?? 4_000,
      temperature: 0,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    const report = await input.validator.validate(completion.text);
    const current: ProposalRound = {
      round,
      answer: completion.text,
      report,
      tokens: completion.tokens,
      ms: 0,
    };
    const previous = rounds.at(-1);
    rounds.push(current);
    if (report.decision !== "reject") stop = "accepted";
    else if (previous && errorKey(previous.report) === errorKey(report)) stop = "repeated-error";
    else if (round < maxRounds) current.feedback = formatFeedback(report);
    current.ms = Math.round(performance.now() - started);
    await input.onRound?.(current);
    if (!current.feedback) break;
    messages.push(
      { role: "assistant", content: completion.text },
      { role: "user", content: repairPrompt(current.feedback) },
    );
  }
  const tokens = rounds.reduce(
    (sum, round) => ({
      prompt: sum.prompt + round.tokens.prompt,
      completion: sum.completion + round.tokens.completion,
    }),
    { prompt: 0, completion: 0 },
  );
  return { rounds, final: rounds.at(-1) as ProposalRound, stop, tokens };
}

import { z } from "zod";
import { plainIssues } from "../validation/plain-issues.ts";
import { type Citation, numberSources, resolveCitations } from "./answer/citations.ts";
import { recentTurns, rememberTurn } from "./answer/conversation.ts";
import { extractiveAnswer } from "./answer/extractive.ts";
import { buildPrompt, type PromptSource } from "./answer/prompt.ts";
import { type KnowledgeDeps, KnowledgeInputError, settingsOf } from "./deps.ts";
import { type Candidate, retrieve } from "./retrieval/retrieve.ts";
import { chunkText } from "./text/chunk.ts";
import { normalizeMessage } from "./text/normalize.ts";

const Snowflake = z.string().regex(/^\d{1,20}$/);
const AskSchema = z.object({
  guildId: Snowflake,
  channelId: Snowflake,
  userId: Snowflake,
  question: z.string().trim().min(1).max(500),
  /** The channels the member may read: sources come only from these. */
  channelIds: z.array(Snowflake).max(500).optional(),
  /** How many messages to quote (default 6). */
  sources: z.number().int().min(1).max(10).default(6),
});

export type AskInput = z.input<typeof AskSchema>;
export type { Citation };

export interface Answer {
  /** The answer with `[n]` citations that all refer to `citations`. */
  text: string;
  /** The sources the answer cites, in order of first citation. */
  citations: Citation[];
  /** Every message that was quoted to the model (or to the reader). */
  sources: Citation[];
  /** `generated` by the chat model, `extractive` quotes, or `not-found` when nothing matched. */
  mode: "generated" | "extractive" | "not-found";
  /** Why the answer is extractive. */
  reason?: "no-model" | "model-failed";
  /** The question was taken as a follow-up of the member's previous one. */
  followUp: boolean;
}

const NOT_FOUND = "I couldn't find anything about that in this server's remembered messages.";

/**
 * Answers a question from the guild's remembered messages: retrieves (hybrid), quotes the
 * messages to the chat model as untrusted, delimited data with numbered sources, and keeps
 * only citations of real sources. Without a model, or when it fails, the answer quotes the
 * most relevant passages instead and says so. A follow-up within 10 minutes, by the same
 * member in the same channel, sees the previous turns.
 *
 * @example
 * const answer = await ask(deps, { guildId, channelId, userId, question: "how do we deploy?" });
 * answer.text; // "Run `make deploy` from main [1]."
 * answer.citations[0].url; // "https://discord.com/channels/…/…/…"
 */
export async function ask(deps: KnowledgeDeps, input: AskInput): Promise<Answer> {
  const parsed = AskSchema.safeParse(input);
  if (!parsed.success) throw new KnowledgeInputError(plainIssues(parsed.error));
  const { guildId, channelId, userId, question } = parsed.data;
  const turns = await recentTurns(deps, guildId, channelId, userId);
  const query = [turns.at(-1)?.question, question].filter(Boolean).join(" ");
  const quoted = await gatherSources(deps, parsed.data, query);
  const sources = numberSources(guildId, quoted);
  const followUp = turns.length > 0;
  let answer: Answer;
  if (quoted.length === 0) answer = { text: NOT_FOUND, citations: [], sources, mode: "not-found", followUp };
  else answer = await compose(deps, question, quoted, sources, turns, followUp);
  await rememberTurn(deps, guildId, channelId, userId, { question, answer: answer.text });
  return answer;
}

type Quoted = PromptSource & Pick<Candidate, "messageId">;

async function compose(
  deps: KnowledgeDeps,
  question: string,
  quoted: Quoted[],
  sources: Citation[],
  turns: Awaited<ReturnType<typeof recentTurns>>,
  followUp: boolean,
): Promise<Answer> {
  const extractive = (reason: "no-model" | "model-failed"): Answer => {
    const { text, cited } = resolveCitations(extractiveAnswer(question, quoted, reason), sources);
    return { text, citations: cited, sources, mode: "extractive", reason, followUp };
  };
  if (!deps.chat) return extractive("no-model");
  try {
    const { messages } = buildPrompt(question, quoted, turns);
    const completion = await deps.chat.complete(messages, { maxTokens: 500, temperature: 0.2 });
    const { text, cited } = resolveCitations(completion.text, sources);
    if (text.length === 0) return extractive("model-failed");
    return { text, citations: cited, sources, mode: "generated", followUp };
  } catch (error) {
    deps.logger?.warn("knowledge.chat-failed", { error: error instanceof Error ? error.name : "unknown" });
    return extractive("model-failed");
  }
}

/** The top messages with their text: the best-matching chunk of each, numbered from 1. */
async function gatherSources(
  deps: KnowledgeDeps,
  input: z.output<typeof AskSchema>,
  query: string,
): Promise<Quoted[]> {
  if (!deps.messages) throw new Error("ask needs a message source to quote from");
  const { candidates } = await retrieve(deps, {
    guildId: input.guildId,
    query,
    mode: settingsOf(deps).defaultMode,
    limit: input.sources * 4,
    minSimilarity: settingsOf(deps).minSimilarity,
    fallback: true,
  });
  const allowed = input.channelIds
    ? candidates.filter((c) => input.channelIds?.includes(c.channelId))
    : candidates;
  const top = allowed.slice(0, input.sources * 2);
  const texts = await deps.messages.getMessages(input.guildId, top);
  const quoted = top.flatMap((candidate) => {
    const found = texts.get(candidate.messageId);
    if (!found) return [];
    const chunks = chunkText(normalizeMessage(found.content), settingsOf(deps).chunking);
    const n = Number(candidate.chunkId.split(":")[2] ?? 0);
    const text = chunks[n] ?? chunks[0] ?? "";
    const { messageId, channelId, authorId, createdAt } = candidate;
    return text ? [{ messageId, channelId, authorId, createdAt, text }] : [];
  });
  return quoted.slice(0, input.sources).map((source, i) => ({ ...source, n: i + 1 }));
}

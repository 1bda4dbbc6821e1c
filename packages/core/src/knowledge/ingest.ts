import { z } from "zod";
import { plainIssues } from "../validation/plain-issues.ts";
import { type KnowledgeDeps, KnowledgeInputError, settingsOf } from "./deps.ts";
import { earlierContext } from "./ingest/earlier-context.ts";
import type { KnowledgeMessage } from "./ingest/ports.ts";
import { type PreparedMessage, prepareMessages } from "./ingest/prepare.ts";
import { upsertVectors } from "./ingest/vectors.ts";
import { publishVocabulary } from "./retrieval/recent-searches.ts";

const Snowflake = z.string().regex(/^\d{1,20}$/, "must be a snowflake");
const MessageSchema = z.object({
  id: Snowflake,
  channelId: Snowflake,
  authorId: Snowflake,
  createdAt: z.number().int().nonnegative(),
  content: z.string().max(16_000),
  replyToId: Snowflake.optional(),
});
const InputSchema = z.object({ guildId: Snowflake, messages: z.array(MessageSchema).max(1_000) });

/** What one `ingestMessages` call did. */
export interface IngestCounts {
  /** Messages indexed for the first time. */
  new: number;
  /** Messages indexed before whose text changed (edits): re-indexed. */
  updated: number;
  /** Messages already indexed with the same text (or repeated in the batch): nothing done. */
  duplicate: number;
  /** Messages of members who opted out: neither stored nor indexed. */
  skippedOptedOut: number;
  /** Messages with no text left after normalising (an attachment alone). */
  empty: number;
  /** Chunks written (vectors and keyword documents). */
  chunks: number;
  /** Tokens the embedding model was billed for (cache hits cost none). */
  tokens: number;
}

/**
 * Ingests a batch of one guild's messages: skips members who opted out, normalises, dedupes by
 * content hash, chunks, stores the text through `deps.sink` (sealed), embeds through the
 * (cached) model, and upserts vectors and keyword documents. Safe to repeat: a retried batch
 * finds its messages already indexed.
 *
 * @example
 * const counts = await ingestMessages(deps, guildId, [{ id, channelId, authorId, createdAt, content }]);
 * // { new: 1, updated: 0, duplicate: 0, skippedOptedOut: 0, empty: 0, chunks: 1, tokens: 7 }
 */
export async function ingestMessages(
  deps: KnowledgeDeps,
  guildId: string,
  messages: readonly KnowledgeMessage[],
): Promise<IngestCounts> {
  const input = InputSchema.safeParse({ guildId, messages });
  if (!input.success)
    throw new KnowledgeInputError(`Some messages cannot be ingested. ${plainIssues(input.error)}`);
  const counts: IngestCounts = {
    new: 0,
    updated: 0,
    duplicate: 0,
    skippedOptedOut: 0,
    empty: 0,
    chunks: 0,
    tokens: 0,
  };
  const unique = [...new Map(messages.map((message) => [message.id, message])).values()];
  counts.duplicate += messages.length - unique.length;
  const optedOut = await deps.optOuts.optedOut(
    guildId,
    unique.map((message) => message.authorId),
  );
  const allowed = unique.filter((message) => !optedOut.has(message.authorId));
  counts.skippedOptedOut = unique.length - allowed.length;
  const { chunking, context } = settingsOf(deps);
  const around = context.enabled === false ? [] : await earlierContext(deps, guildId, allowed);
  const prepared = prepareMessages(allowed, chunking, context, around);
  counts.empty = allowed.length - prepared.length;
  const { fresh, stale } = await splitKnown(deps, guildId, prepared, counts);
  if (fresh.length === 0) return counts;
  await deps.sink?.storeMessages(
    guildId,
    fresh.map((item) => item.message),
  );
  counts.tokens = await upsertVectors(deps, guildId, fresh);
  if (stale.length > 0) await deps.vectors.delete(guildId, stale);
  await deps.keywords.upsert(
    guildId,
    fresh.map(({ message, contentHash, chunks }) => ({
      messageId: message.id,
      channelId: message.channelId,
      authorId: message.authorId,
      createdAt: message.createdAt,
      contentHash,
      chunks,
    })),
  );
  counts.chunks = fresh.reduce((sum, item) => sum + item.chunks.length, 0);
  await publishVocabulary(deps, guildId);
  return counts;
}

/** Messages to (re)index, and chunk ids an edit left behind. */
async function splitKnown(
  deps: KnowledgeDeps,
  guildId: string,
  prepared: PreparedMessage[],
  counts: IngestCounts,
) {
  const fresh: PreparedMessage[] = [];
  const stale: string[] = [];
  const indexed = await deps.keywords.indexed(
    guildId,
    prepared.map((item) => item.message.id),
  );
  for (const item of prepared) {
    const known = indexed.get(item.message.id);
    if (known?.contentHash === item.contentHash) {
      counts.duplicate++;
      continue;
    }
    if (known) {
      counts.updated++;
      const kept = new Set(item.chunks.map((chunk) => chunk.id));
      stale.push(...known.chunkIds.filter((id) => !kept.has(id)));
    } else counts.new++;
    fresh.push(item);
  }
  return { fresh, stale };
}

import { z } from "zod";
import { type KnowledgeDeps, KnowledgeInputError } from "./deps.ts";
import { publishVocabulary } from "./retrieval/recent-searches.ts";

const Snowflake = z.string().regex(/^\d{1,20}$/);

/** What erasure removed from the knowledge indexes. */
export interface ForgetCounts {
  /** Messages removed from the keyword index. */
  messages: number;
  /** Vectors removed, or `undefined` when the vector index deletes without counting. */
  vectors: number | undefined;
  /** Hot-tier entries dropped (recent searches, saved searches, conversation turns). */
  cached: number;
}

/**
 * Erases a member from the knowledge feature of one guild: their messages, and every context
 * chunk of another message that quotes them, leave the keyword index (which is compacted, so
 * no stored entry keeps their terms) and the vector index, and
 * every hot-tier entry tagged with them is dropped; the suggestion vocabulary is rebuilt
 * without their words. The stored messages themselves are erased by the privacy feature
 * (shredding the member's key).
 *
 * @example
 * await forgetAuthor(deps, guildId, userId); // { messages: 42, vectors: 57, cached: 2 }
 */
export async function forgetAuthor(
  deps: KnowledgeDeps,
  guildId: string,
  authorId: string,
): Promise<ForgetCounts> {
  if (!Snowflake.safeParse(guildId).success || !Snowflake.safeParse(authorId).success) {
    throw new KnowledgeInputError("forgetAuthor needs a guild id and a user id");
  }
  const quoting = await deps.keywords.quotingChunks(guildId, { authorId });
  if (quoting.length > 0) await deps.vectors.delete(guildId, quoting);
  const vectors = await deps.vectors.deleteByFilter(guildId, { authorId });
  const messages = await deps.keywords.deleteAuthor(guildId, authorId);
  const cached = deps.cache ? await deps.cache.tenant(guildId).invalidateTag(`user:${authorId}`) : 0;
  await publishVocabulary(deps, guildId);
  return { messages, vectors, cached };
}

/**
 * Removes deleted messages from both indexes (every chunk of each, and the context chunks of
 * other messages that quote them).
 *
 * @example
 * await forgetMessages(deps, guildId, ["1200000000000000001"]); // 1
 */
export async function forgetMessages(deps: KnowledgeDeps, guildId: string, messageIds: readonly string[]) {
  if (!Snowflake.safeParse(guildId).success || messageIds.some((id) => !Snowflake.safeParse(id).success)) {
    throw new KnowledgeInputError("forgetMessages needs a guild id and message ids");
  }
  const indexed = await deps.keywords.indexed(guildId, messageIds);
  const quoting = await deps.keywords.quotingChunks(guildId, { messageIds });
  const chunkIds = [...[...indexed.values()].flatMap((message) => message.chunkIds), ...quoting];
  if (chunkIds.length > 0) await deps.vectors.delete(guildId, chunkIds);
  return deps.keywords.deleteMessages(guildId, messageIds);
}

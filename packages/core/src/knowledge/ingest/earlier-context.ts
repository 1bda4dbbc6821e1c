import type { KnowledgeDeps } from "../deps.ts";
import type { KnowledgeMessage } from "./ports.ts";

/**
 * The messages a batch answers that were indexed before it: the reply parents and thread
 * starters it names that are not in the batch but are in the index, read back through the
 * message source (so a message remembered alone still gets the question it answers). Members
 * who opted out since, and messages erased or gone, are left out. Without a message source,
 * nothing.
 *
 * @example
 * const earlier = await earlierContext(deps, guildId, batch); // [{ id: "…", content: "why does…", … }]
 */
export async function earlierContext(
  deps: KnowledgeDeps,
  guildId: string,
  batch: readonly KnowledgeMessage[],
): Promise<KnowledgeMessage[]> {
  if (!deps.messages) return [];
  const inBatch = new Set(batch.map((message) => message.id));
  const named = batch.flatMap((message) => [message.replyToId, message.channelId]);
  const wanted = [...new Set(named)].filter((id): id is string => id !== undefined && !inBatch.has(id));
  if (wanted.length === 0) return [];
  const indexed = [...(await deps.keywords.indexed(guildId, wanted)).values()];
  if (indexed.length === 0) return [];
  const optedOut = await deps.optOuts.optedOut(
    guildId,
    indexed.map((message) => message.authorId),
  );
  const refs = indexed
    .filter((message) => !optedOut.has(message.authorId))
    .map(({ channelId, messageId, createdAt }) => ({ channelId, messageId, createdAt }));
  if (refs.length === 0) return [];
  return [...(await deps.messages.getMessages(guildId, refs)).values()];
}

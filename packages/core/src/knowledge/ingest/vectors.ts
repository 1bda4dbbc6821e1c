import { embedderFor } from "../corpus/corpus-embeddings.ts";
import type { KnowledgeDeps } from "../deps.ts";
import type { VectorRecord } from "../ports.ts";
import type { PreparedMessage } from "./prepare.ts";

const EMBED_BATCH = 256;

/**
 * Embeds every chunk of the messages (their own chunks and context chunks) through the model, in
 * batches of 256, and upserts one vector per chunk; resolves the tokens the model billed.
 *
 * @example
 * const tokens = await upsertVectors(deps, guildId, prepared);
 */
export async function upsertVectors(
  deps: KnowledgeDeps,
  guildId: string,
  fresh: PreparedMessage[],
): Promise<number> {
  let tokens = 0;
  const records: VectorRecord[] = [];
  const pending = fresh.flatMap((item) =>
    item.chunks.map((chunk) => ({ item, id: chunk.id, text: chunk.text })),
  );
  // A guild-dependent model embeds the batch as if it were already in the guild's corpus.
  const model = embedderFor(
    deps.embeddings,
    guildId,
    pending.map((entry) => entry.text),
  );
  for (let start = 0; start < pending.length; start += EMBED_BATCH) {
    const slice = pending.slice(start, start + EMBED_BATCH);
    const result = await model.embed(slice.map((entry) => entry.text));
    tokens += result.tokens;
    slice.forEach(({ item, id }, i) => {
      const { message } = item;
      records.push({
        id,
        vector: result.vectors[i] as Float32Array,
        metadata: {
          guildId,
          channelId: message.channelId,
          authorId: message.authorId,
          createdAt: message.createdAt,
          kind: "message",
        },
      });
    });
  }
  await deps.vectors.upsert(guildId, records);
  return tokens;
}

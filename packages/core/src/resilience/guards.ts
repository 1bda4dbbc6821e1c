import type { Cache } from "../cache/ports.ts";
import type { ChatModel, EmbeddingModel, VectorIndex } from "../knowledge/ports.ts";
import type { Logger } from "../ports/observability.ts";
import type { InteractionResponder } from "../ports/responder.ts";
import type { Breakers } from "./breakers.ts";

/**
 * The hot tier behind its breaker, degrading to what it is, a cache: a read that fails (or
 * finds the breaker open) is a miss, so callers go to the warm tier; a write that fails is
 * skipped. Deletions and tag lookups still fail loudly: erasure and export must know.
 *
 * @example
 * const l2 = degradingCache(new UpstashCache(redis), breakers, logger);
 */
export function degradingCache(cache: Cache, breakers: Breakers, logger: Logger): Cache {
  const run = <T>(call: () => Promise<T>) => breakers.run("upstash", call);
  const skipped = (operation: string) => (error: unknown) => {
    logger.warn("cache.hot-tier-unavailable", {
      operation,
      error: error instanceof Error ? error.name : "unknown",
    });
    return undefined;
  };
  return {
    get: (key) => run(() => cache.get(key)).catch(skipped("get")),
    set: async (key, value, options) => {
      await run(() => cache.set(key, value, options)).catch(skipped("set"));
    },
    delete: (...keys) => run(() => cache.delete(...keys)),
    invalidateTag: (tag) => run(() => cache.invalidateTag(tag)),
    members: (tag) => run(() => cache.members(tag)),
  };
}

/** The chat model behind the `openai` breaker; `/ask` answers extractively when it fails. */
export function guardedChat(chat: ChatModel, breakers: Breakers): ChatModel {
  return {
    id: chat.id,
    complete: (messages, options) => breakers.run("openai", () => chat.complete(messages, options)),
  };
}

/** The embedding model behind the `openai` breaker; hybrid and semantic search fall back to keywords. */
export function guardedEmbeddings(model: EmbeddingModel, breakers: Breakers): EmbeddingModel {
  return {
    id: model.id,
    dimensions: model.dimensions,
    embed: (texts, signal) => breakers.run("openai", () => model.embed(texts, signal)),
  };
}

/** The vector index behind the `pinecone` breaker. */
export function guardedVectorIndex(index: VectorIndex, breakers: Breakers): VectorIndex {
  const run = <T>(call: () => Promise<T>) => breakers.run("pinecone", call);
  return {
    upsert: (namespace, records) => run(() => index.upsert(namespace, records)),
    query: (namespace, vector, query) => run(() => index.query(namespace, vector, query)),
    delete: (namespace, ids) => run(() => index.delete(namespace, ids)),
    deleteByFilter: (namespace, filter) => run(() => index.deleteByFilter(namespace, filter)),
  };
}

/** Discord's interaction webhooks behind the `discord` breaker. */
export function guardedResponder(responder: InteractionResponder, breakers: Breakers): InteractionResponder {
  return {
    editOriginal: (interaction, message) =>
      breakers.run("discord", () => responder.editOriginal(interaction, message)),
    followUp: (interaction, message) =>
      breakers.run("discord", () => responder.followUp(interaction, message)),
  };
}

import { join } from "node:path";
import { createHashEmbedder } from "@megawatts/ai/hash-embedder";
import {
  type CachedEmbeddingModel,
  type ChannelHistory,
  type ChatModel,
  type Clock,
  cachedEmbeddingModel,
  corpusEmbeddingModel,
  createDocumentKeywordStore,
  createKeywordIndex,
  createMemoryEmbeddingStore,
  type EmbeddingModel,
  type KnowledgeDeps,
  type KnowledgeServices,
  type Logger,
  noVectorIndex,
  type PluginPorts,
  profileOptOuts,
  rememberedMessageSink,
  rememberedMessageSource,
  sealedTermKeys,
  systemClock,
  type VectorBackend,
  type VectorIndex,
} from "@megawatts/core";
import type { Deployment } from "../deployment.ts";

/** Which providers a deployment uses; everything absent falls back to what runs in process. */
export interface KnowledgeConfig extends Pick<Deployment, "openai" | "pinecone" | "vectorDir"> {
  /** How `/index` and the sync read channel history. */
  history?: ChannelHistory | undefined;
  clock?: Clock;
  logger?: Logger;
}

type Storage = Pick<PluginPorts, "data" | "envelope" | "cache">;

/** Where vectors go, decided from the configuration alone. */
export function vectorBackend(config: KnowledgeConfig): VectorBackend {
  if (config.pinecone) return "pinecone";
  return config.vectorDir ? "local" : "none";
}

/**
 * The knowledge services every runtime builds the same way (Lambda worker, local bot, the
 * operators' CLI): the keyword index on the warm tier with its term key sealed, embeddings
 * from OpenAI or, locally, the hasher behind a per-container cache beside vectors learned from
 * the guild's corpus (`corpusEmbeddingModel`), vectors in Pinecone, the
 * local index or nowhere (keyword only), chat only with OpenAI, opt-outs from profiles and
 * message text as sealed `remembered-message` items. The engine is built on first use and
 * the Pinecone and OpenAI SDKs are imported only then.
 *
 * @example
 * const knowledge = createKnowledgeServices(storage, { pinecone: { apiKey, index: "megawatts" } });
 * const page = await search(await knowledge.deps(), { guildId, query: "deploy" });
 */
export function createKnowledgeServices(storage: Storage, config: KnowledgeConfig): KnowledgeServices {
  let built: Promise<KnowledgeDeps> | undefined;
  const deps = () => {
    built ??= buildDeps(storage, config).catch((error: unknown) => {
      built = undefined; // let the next job try again
      throw error;
    });
    return built;
  };
  return {
    deps,
    vectors: vectorBackend(config),
    chat: Boolean(config.openai),
    ...(config.history ? { history: config.history } : {}),
  };
}

async function buildDeps(storage: Storage, config: KnowledgeConfig): Promise<KnowledgeDeps> {
  const { data, envelope, cache } = storage;
  const clock = config.clock ?? systemClock;
  const { embeddings: model, chat } = await models(config);
  const store = createDocumentKeywordStore({ documents: data.documents, classes: data.classes });
  const keywords = createKeywordIndex({
    store,
    termKeys: sealedTermKeys({ envelope, store }),
    envelope,
    clock,
  });
  // Without OpenAI, the hashed n-grams get vectors learned from each guild's own messages beside them.
  const embeddings = config.openai ? model : corpusEmbeddingModel(model, keywords);
  return {
    embeddings,
    vectors: await vectors(config, embeddings),
    keywords,
    optOuts: profileOptOuts(data.documents),
    messages: rememberedMessageSource({ data: data.deps, envelope }),
    sink: rememberedMessageSink({ services: storage, clock, requestedBy: "0" }),
    cache,
    envelope,
    clock,
    ...(chat ? { chat } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
  };
}

async function models(
  config: KnowledgeConfig,
): Promise<{ embeddings: CachedEmbeddingModel; chat?: ChatModel }> {
  // Vectors are kept in this container only: they are derived from member text.
  const cache = createMemoryEmbeddingStore({ maxEntries: 20_000 });
  if (!config.openai) return { embeddings: cachedEmbeddingModel(createHashEmbedder(), cache) };
  const { createOpenAiClient, createOpenAiChat, createOpenAiEmbeddings } = await import(
    "@megawatts/ai/openai"
  );
  const { apiKey, baseURL, embeddingModel, chatModel } = config.openai;
  const client = createOpenAiClient({ ...(apiKey ? { apiKey } : {}), ...(baseURL ? { baseURL } : {}) });
  const model: EmbeddingModel = createOpenAiEmbeddings({
    client,
    ...(embeddingModel ? { model: embeddingModel } : {}),
  });
  const chat = createOpenAiChat({ client, ...(chatModel ? { model: chatModel } : {}) });
  return { embeddings: cachedEmbeddingModel(model, cache), chat };
}

async function vectors(config: KnowledgeConfig, model: EmbeddingModel): Promise<VectorIndex> {
  if (config.pinecone) {
    const [{ Pinecone }, { createPineconeVectorIndex }] = await Promise.all([
      import("@pinecone-database/pinecone"),
      import("@megawatts/ai/pinecone"),
    ]);
    const { apiKey, index, host } = config.pinecone;
    const client = new Pinecone({ apiKey });
    return createPineconeVectorIndex({
      client,
      index,
      ...(host ? { host } : {}),
      dimensions: model.dimensions,
    });
  }
  if (!config.vectorDir) return noVectorIndex();
  const { openLocalVectorIndex } = await import("@megawatts/ai/local-vector-index");
  // One directory per model and size: vectors of different models must never be compared.
  const name = `${model.id.replace(/[^\w.-]+/g, "_")}-${model.dimensions}`;
  return openLocalVectorIndex({ dir: join(config.vectorDir, name), dimensions: model.dimensions });
}

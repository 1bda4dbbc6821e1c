// Ports for the knowledge feature: turning text into vectors, answering with a chat model and
// finding similar messages. Adapters live in `@megawatts/ai` (`/openai`, `/pinecone`, `/local`).

/** What one `embed` call produced: a vector per text, in order, and the tokens it was billed for. */
export interface Embeddings {
  vectors: Float32Array[];
  /** Tokens the provider counted for this call; 0 when nothing reached it (cache hits). */
  tokens: number;
}

/**
 * Turns texts into vectors of a fixed length. Vectors from different `id`s or `dimensions`
 * are not comparable: an index holds vectors of one model only.
 *
 * @example
 * const { vectors, tokens } = await model.embed(["the build fails at login"]);
 */
export interface EmbeddingModel {
  /** Names the model and its version, e.g. `openai:text-embedding-3-small` or `local:hash-v1`. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: string[], signal?: AbortSignal): Promise<Embeddings>;
}

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatOptions {
  /** Upper bound on the answer's length in tokens. */
  maxTokens?: number;
  /** 0 for the most deterministic answer the model gives. */
  temperature?: number;
  signal?: AbortSignal;
}

export interface ChatCompletion {
  text: string;
  tokens: { prompt: number; completion: number };
}

/**
 * A chat model that answers a conversation with one message. There is no local model: when
 * none is configured, answers degrade to extractive quotes.
 *
 * @example
 * const { text } = await chat.complete([{ role: "user", content: "Summarise: ..." }], { maxTokens: 300 });
 */
export interface ChatModel {
  readonly id: string;
  complete(messages: ChatMessage[], options?: ChatOptions): Promise<ChatCompletion>;
}

/** What the index keeps beside a vector; every field can be filtered on. */
export interface VectorMetadata {
  /** The tenant; always equal to the namespace the record lives in. */
  guildId: string;
  channelId: string;
  authorId: string;
  /** Epoch milliseconds (a number, so ranges can be filtered). */
  createdAt: number;
  /** What the vector stands for, e.g. `message` or `thread-summary`. */
  kind: string;
}

export interface VectorRecord {
  /** `<channelId>:<messageId>:<chunk>`, see `messageVectorId`. */
  id: string;
  vector: Float32Array;
  metadata: VectorMetadata;
}

/** Every field present must match; `after` and `before` are inclusive epoch-ms bounds on `createdAt`. */
export interface VectorFilter {
  channelId?: string;
  authorId?: string;
  after?: number;
  before?: number;
  kind?: string;
}

export interface VectorQuery {
  topK: number;
  filter?: VectorFilter;
}

export interface VectorMatch {
  id: string;
  /** Cosine similarity in [-1, 1]; higher is closer. */
  score: number;
  metadata: VectorMetadata;
}

/** What erasure deletes by: a member's records, a channel's, or a member's in one channel. */
export interface ErasureFilter {
  authorId?: string;
  channelId?: string;
}

/**
 * Vectors of one embedding model, one namespace per guild. Every call names its namespace
 * (the guild id) and never reaches another: there is no cross-namespace query.
 *
 * @example
 * await index.upsert(guildId, [{ id: messageVectorId(channelId, messageId, 0), vector, metadata }]);
 * const matches = await index.query(guildId, queryVector, { topK: 8, filter: { channelId } });
 */
export interface VectorIndex {
  /** Inserts or replaces records by id. */
  upsert(namespace: string, records: VectorRecord[]): Promise<void>;
  /** The `topK` closest records that pass the filter, best first. */
  query(namespace: string, vector: Float32Array, query: VectorQuery): Promise<VectorMatch[]>;
  /** Deletes records by id; unknown ids are ignored. */
  delete(namespace: string, ids: string[]): Promise<void>;
  /**
   * Deletes every record that matches (erasure). Resolves how many were deleted, or
   * `undefined` when the backend deletes without counting.
   */
  deleteByFilter(namespace: string, filter: ErasureFilter): Promise<number | undefined>;
}

/**
 * The id of a chunk of a message: channel first, so a channel's records share a prefix.
 *
 * @example
 * messageVectorId("81384788765712385", "1200000000000000000", 0) // "81384788765712385:1200000000000000000:0"
 */
export function messageVectorId(channelId: string, messageId: string, chunk: number): string {
  return `${channelId}:${messageId}:${chunk}`;
}

/**
 * An embedding, chat or vector service failed. `retryable` says whether the same call may
 * succeed later (rate limits, outages); the adapter has already retried what it could.
 *
 * @example
 * try { await chat.complete(messages) } catch (e) { if (e instanceof KnowledgeServiceError) quoteInstead(); }
 */
export class KnowledgeServiceError extends Error {
  override name = "KnowledgeServiceError";
  constructor(
    readonly service: "embeddings" | "chat" | "vectors",
    message: string,
    readonly details: { status?: number; retryable: boolean },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

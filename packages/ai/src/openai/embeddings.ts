import { type EmbeddingModel, type Embeddings, KnowledgeServiceError } from "@megawatts/core";
import type OpenAI from "openai";
import { recordUsage } from "../usage.ts";
import { type BatchLimits, estimateTokens, OPENAI_EMBEDDING_LIMITS, planBatches } from "./batches.ts";
import { createOpenAiClient } from "./client.ts";
import { openAiFailure } from "./errors.ts";

const NATIVE_DIMENSIONS: Readonly<Record<string, number>> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

export interface OpenAiEmbeddingsOptions {
  /** Built from the environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`) when omitted. */
  client?: OpenAI;
  /** Default `text-embedding-3-small`. */
  model?: string;
  /** Vector length; text-embedding-3 models shorten to it. Required for models this adapter does not know. */
  dimensions?: number;
  /** Default: the API's 2,048 inputs and 300,000 tokens per request. */
  limits?: BatchLimits;
  /** Overrides the client's retry count for these calls. */
  maxRetries?: number;
}

/**
 * An `EmbeddingModel` on the OpenAI embeddings API (or any compatible server): texts are sent
 * in batches within the request limits, one after another; the SDK retries rate limits and
 * server errors itself; `tokens` is what the API reported in `usage`. Vectors arrive as
 * base64 float32 or as plain arrays, whichever the server sends.
 *
 * @example
 * const model = createOpenAiEmbeddings({ client, dimensions: 512 });
 * const { vectors, tokens } = await model.embed(["the build fails at login"]);
 */
export function createOpenAiEmbeddings(options: OpenAiEmbeddingsOptions = {}): EmbeddingModel {
  const model = options.model ?? "text-embedding-3-small";
  const dimensions = options.dimensions ?? NATIVE_DIMENSIONS[model];
  if (dimensions === undefined) throw new RangeError(`give the dimensions of embedding model "${model}"`);
  const client = options.client ?? createOpenAiClient();
  const limits = options.limits ?? OPENAI_EMBEDDING_LIMITS;
  // Only text-embedding-3 models accept `dimensions`; for others it just states their size.
  const shorten = options.dimensions !== undefined && model.startsWith("text-embedding-3");

  async function embedBatch(texts: string[], signal?: AbortSignal) {
    const response = await client.embeddings.create(
      { model, input: texts, encoding_format: "base64", ...(shorten ? { dimensions } : {}) },
      {
        ...(signal ? { signal } : {}),
        ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      },
    );
    const data = [...response.data].sort((a, b) => a.index - b.index);
    if (data.length !== texts.length) {
      throw new KnowledgeServiceError(
        "embeddings",
        `asked for ${texts.length} embeddings, got ${data.length}`,
        {
          retryable: false,
        },
      );
    }
    const vectors = data.map((item) => toVector(item.embedding as string | number[], dimensions as number));
    const tokens = response.usage?.prompt_tokens ?? 0;
    recordUsage({ name: "openai.usage", attributes: { model, inputTokens: tokens, outputTokens: 0 } });
    return { vectors, tokens };
  }

  return {
    id: `openai:${model}`,
    dimensions,
    async embed(texts: string[], signal?: AbortSignal): Promise<Embeddings> {
      const result: Embeddings = { vectors: [], tokens: 0 };
      try {
        for (const [start, end] of planBatches(texts, limits, estimateTokens)) {
          const batch = await embedBatch(texts.slice(start, end), signal);
          result.vectors.push(...batch.vectors);
          result.tokens += batch.tokens;
        }
      } catch (error) {
        throw openAiFailure("embeddings", error);
      }
      return result;
    },
  };
}

/**
 * A vector from the wire: base64 of little-endian float32 (what the SDK asks for by default)
 * or a plain array of numbers.
 *
 * @example
 * toVector("AACAPw==", 1) // Float32Array [1]
 */
export function toVector(embedding: string | readonly number[], dimensions: number): Float32Array {
  let vector: Float32Array;
  if (typeof embedding === "string") {
    const bytes = Buffer.from(embedding, "base64");
    vector = new Float32Array(bytes.length >> 2);
    new Uint8Array(vector.buffer).set(bytes.subarray(0, vector.length * 4));
  } else {
    vector = Float32Array.from(embedding);
  }
  if (vector.length !== dimensions) {
    throw new KnowledgeServiceError(
      "embeddings",
      `expected ${dimensions}-dimension embeddings, got ${vector.length}`,
      { retryable: false },
    );
  }
  return vector;
}

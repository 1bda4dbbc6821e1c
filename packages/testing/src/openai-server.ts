import { createHash } from "node:crypto";
import {
  fixture,
  ProtocolReplyError,
  type RecordedRequest,
  type Reply,
  startProtocolServer,
} from "./protocol-server.ts";

export type { RecordedRequest } from "./protocol-server.ts";

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
}

export interface OpenAiTestServerOptions {
  /** The bearer token requests must carry (default `sk-test`). */
  apiKey?: string;
  /** `hash` (default): a unit vector derived from the text's SHA-256; or fixed vectors by text, hash for the rest. */
  embeddings?: "hash" | Readonly<Record<string, readonly number[]>>;
  /** Answer with float arrays even when base64 is asked for, as some compatible servers do. */
  alwaysFloat?: boolean;
  /** Length of hash vectors when a request names no `dimensions` (default 1536). */
  defaultDimensions?: number;
  /** Tokens one embeddings request may carry, as this server counts them (⌈UTF-8 bytes / 4⌉ per input); default 300,000. */
  maxTokensPerRequest?: number;
  /** Answers in order (a request after the last gets a 500), or a function of the request. */
  chat?: readonly string[] | ((body: ChatRequestBody) => string);
}

export interface OpenAiTestServer {
  /** Ends in `/v1`: give it to the SDK as `baseURL` (or `OPENAI_BASE_URL`). */
  baseURL: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Answers the next `times` requests with `status` (429 or 5xx) and the real error body. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

/** Tokens as this server bills them: a quarter of the UTF-8 bytes, at least 1. */
export const serverTokens = (text: string) => Math.max(1, Math.ceil(Buffer.byteLength(text, "utf8") / 4));

/**
 * Starts a server speaking the OpenAI HTTP API for `POST /v1/embeddings` (float and base64
 * encodings, usage) and `POST /v1/chat/completions` (non-streaming, usage), built from
 * trimmed real payloads, so the real `openai` client runs against it.
 *
 * @example
 * const server = await startOpenAiTestServer({ chat: ["Paris."] });
 * const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey });
 */
export async function startOpenAiTestServer(
  options: OpenAiTestServerOptions = {},
): Promise<OpenAiTestServer> {
  const apiKey = options.apiKey ?? "sk-test";
  const failures: number[] = [];
  const answers = Array.isArray(options.chat) ? [...options.chat] : [];
  const server = await startProtocolServer((request) => {
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return { status: 401, body: fixture("openai/error-invalid-api-key.json") };
    }
    const failure = failures.shift();
    if (failure !== undefined) return failureReply(failure);
    if (request.method === "POST" && request.path === "/v1/embeddings")
      return embeddingsReply(request, options);
    if (request.method === "POST" && request.path === "/v1/chat/completions") {
      const body = request.body as ChatRequestBody & { stream?: boolean };
      if (body.stream) throw new ProtocolReplyError(invalid("streaming is not served by this test server"));
      const chat = options.chat;
      const answer = typeof chat === "function" ? chat(body) : answers.shift();
      if (answer === undefined) return failureReply(500);
      return chatReply(body, answer);
    }
    return { status: 404, body: invalid(`unknown route ${request.method} ${request.path}`).body };
  });
  return {
    baseURL: `${server.url}/v1`,
    apiKey,
    requests: server.requests,
    failNext: (status, times = 1) => failures.push(...Array.from({ length: times }, () => status)),
    close: server.close,
  };
}

function failureReply(status: number): Reply {
  const body = fixture(status === 429 ? "openai/error-rate-limit.json" : "openai/error-server.json");
  // OpenAI's own hint, honoured by the SDK: retry at once, so tests never wait on backoff.
  return { status, body, headers: { "retry-after-ms": "0" } };
}

function invalid(message: string): Reply {
  const body = fixture<{ error: Record<string, unknown> }>("openai/error-invalid-request.json");
  return { status: 400, body: { error: { ...body.error, message } } };
}

interface EmbeddingsBody {
  input: string | string[];
  model: string;
  dimensions?: number;
  encoding_format?: "float" | "base64";
}

function embeddingsReply(request: RecordedRequest, options: OpenAiTestServerOptions): Reply {
  const body = request.body as EmbeddingsBody;
  const inputs = typeof body.input === "string" ? [body.input] : body.input;
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 2048)
    throw new ProtocolReplyError(invalid("'$.input' is invalid."));
  const tokens = inputs.reduce((sum, text) => sum + serverTokens(text), 0);
  const limit = options.maxTokensPerRequest ?? 300_000;
  if (tokens > limit)
    throw new ProtocolReplyError(invalid(`Requested ${tokens} tokens, max ${limit} tokens per request`));
  const dimensions = body.dimensions ?? options.defaultDimensions ?? 1536;
  const data = inputs.map((text, index) => {
    const fixed = options.embeddings === "hash" ? undefined : options.embeddings?.[text];
    const vector = Float32Array.from(fixed ?? hashVector(text, dimensions));
    const embedding =
      body.encoding_format === "base64" && !options.alwaysFloat
        ? Buffer.from(vector.buffer).toString("base64")
        : Array.from(vector);
    return { object: "embedding", index, embedding };
  });
  const shape = fixture<Record<string, unknown>>("openai/embeddings.json");
  return {
    status: 200,
    body: { ...shape, data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
  };
}

function chatReply(body: ChatRequestBody, answer: string): Reply {
  const shape = fixture<{ choices: [{ message: Record<string, unknown> }] } & Record<string, unknown>>(
    "openai/chat-completion.json",
  );
  const prompt = body.messages.reduce((sum, message) => sum + 3 + serverTokens(message.content), 3);
  const completion = serverTokens(answer);
  const message = { ...shape.choices[0].message, content: answer };
  const usage = {
    ...(shape.usage as object),
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
  return {
    status: 200,
    body: { ...shape, model: body.model, choices: [{ ...shape.choices[0], message }], usage },
  };
}

/** A unit vector that depends only on the text: SHA-256 in counter mode, mapped to [-1, 1]. */
export function hashVector(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${block}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < dimensions; i += 2) {
      values.push(digest.readUInt16LE(i) / 32_768 - 1);
    }
  }
  const length = Math.hypot(...values) || 1;
  return values.map((value) => value / length);
}

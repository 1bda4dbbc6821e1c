import { chatReply, embeddingsReply, failureReply, invalid } from "./openai-server-replies.ts";
import { fixture, ProtocolReplyError, type RecordedRequest, startProtocolServer } from "./protocol-server.ts";

export { hashVector, serverTokens } from "./openai-server-replies.ts";
export type { RecordedRequest } from "./protocol-server.ts";

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string | null; tool_call_id?: string; tool_calls?: unknown[] }[];
  /** The functions offered for tool calling, if any. */
  tools?: { type: "function"; function: { name: string; description?: string; parameters?: unknown } }[];
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
  chat?: readonly ChatAnswer[] | ((body: ChatRequestBody) => ChatAnswer);
}

/** A scripted answer: text, or tool calls (arguments as JSON text, as the API sends them). */
export type ChatAnswer = string | { content?: string; toolCalls: { name: string; arguments: string }[] };

export interface OpenAiTestServer {
  /** Ends in `/v1`: give it to the SDK as `baseURL` (or `OPENAI_BASE_URL`). */
  baseURL: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** Answers the next `times` requests with `status` (429 or 5xx) and the real error body. */
  failNext(status: number, times?: number): void;
  close(): Promise<void>;
}

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

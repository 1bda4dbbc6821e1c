// The OpenAI API's replies, built from trimmed real payloads in `fixtures/openai/`.
import { createHash } from "node:crypto";
import type { ChatAnswer, ChatRequestBody, OpenAiTestServerOptions } from "./openai-server.ts";
import { fixture, ProtocolReplyError, type RecordedRequest, type Reply } from "./protocol-server.ts";

/** Tokens as this server bills them: a quarter of the UTF-8 bytes, at least 1. */
export const serverTokens = (text: string) => Math.max(1, Math.ceil(Buffer.byteLength(text, "utf8") / 4));

/** A 429 (rate limit) or 5xx reply with the API's error body. */
export function failureReply(status: number): Reply {
  const body = fixture(status === 429 ? "openai/error-rate-limit.json" : "openai/error-server.json");
  // A `retry-after-ms` hint, which the SDK honours: retry at once, so tests never wait on backoff.
  return { status, body, headers: { "retry-after-ms": "0" } };
}

/** A 400 `invalid_request_error` with `message`. */
export function invalid(message: string): Reply {
  const body = fixture<{ error: Record<string, unknown> }>("openai/error-invalid-request.json");
  return { status: 400, body: { error: { ...body.error, message } } };
}

interface EmbeddingsBody {
  input: string | string[];
  model: string;
  dimensions?: number;
  encoding_format?: "float" | "base64";
}

/** `POST /v1/embeddings`: hash or fixed vectors, float or base64 as asked, usage counted. */
export function embeddingsReply(request: RecordedRequest, options: OpenAiTestServerOptions): Reply {
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

let callSequence = 0;

/** `POST /v1/chat/completions`: the answer (text or tool calls) as the assistant's message, usage counted. */
export function chatReply(body: ChatRequestBody, answer: ChatAnswer): Reply {
  const shape = fixture<{ choices: [{ message: Record<string, unknown> }] } & Record<string, unknown>>(
    "openai/chat-completion.json",
  );
  const prompt = body.messages.reduce((sum, message) => sum + 3 + serverTokens(message.content ?? ""), 3);
  if (typeof answer !== "string") {
    const offered = new Set((body.tools ?? []).map((tool) => tool.function.name));
    const unknown = answer.toolCalls.find((call) => !offered.has(call.name));
    if (unknown)
      throw new ProtocolReplyError(
        invalid(`the script calls ${unknown.name}, which the request does not offer`),
      );
  }
  const text = typeof answer === "string" ? answer : (answer.content ?? "");
  const completion = serverTokens(typeof answer === "string" ? answer : JSON.stringify(answer.toolCalls));
  const message =
    typeof answer === "string"
      ? { ...shape.choices[0].message, content: answer }
      : {
          ...shape.choices[0].message,
          content: text || null,
          tool_calls: answer.toolCalls.map((call) => ({
            id: `call_${++callSequence}`,
            type: "function",
            function: { name: call.name, arguments: call.arguments },
          })),
        };
  const finish = typeof answer === "string" ? {} : { finish_reason: "tool_calls" };
  const usage = {
    ...(shape.usage as object),
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
  return {
    status: 200,
    body: { ...shape, model: body.model, choices: [{ ...shape.choices[0], message, ...finish }], usage },
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

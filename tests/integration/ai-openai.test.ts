import { createOpenAiChat, createOpenAiClient, createOpenAiEmbeddings } from "@megawatts/ai/openai";
import { cachedEmbeddingModel, createMemoryEmbeddingStore, KnowledgeServiceError } from "@megawatts/core";
import {
  hashVector,
  type OpenAiTestServer,
  type OpenAiTestServerOptions,
  serverTokens,
  startOpenAiTestServer,
} from "@megawatts/testing/openai-server";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";

const servers: OpenAiTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: OpenAiTestServerOptions = {}) {
  const server = await startOpenAiTestServer(options);
  servers.push(server);
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 2 });
  return { server, client };
}

const embeddingCalls = (server: OpenAiTestServer) =>
  server.requests.filter((request) => request.path === "/v1/embeddings");
const inputsOf = (server: OpenAiTestServer) =>
  embeddingCalls(server).map((request) => (request.body as { input: string[] }).input);

describe("OpenAI embeddings adapter against the OpenAI-protocol server", () => {
  it("asks for base64 as the SDK does and decodes the float32 vectors", async () => {
    const { server, client } = await serve();
    const model = createOpenAiEmbeddings({ client, dimensions: 64 });
    const { vectors } = await model.embed(["the build fails at login"]);
    expect(embeddingCalls(server)[0]?.body).toMatchObject({ encoding_format: "base64", dimensions: 64 });
    expect(Array.from(vectors[0] ?? [])).toEqual(
      Array.from(Float32Array.from(hashVector("the build fails at login", 64))),
    );
  });

  it("decodes plain float arrays from a server that ignores the base64 request", async () => {
    const { client } = await serve({ alwaysFloat: true, embeddings: { hello: [0.5, -0.25, 1] } });
    const model = createOpenAiEmbeddings({ client, model: "nomic-embed-text", dimensions: 3 });
    const { vectors } = await model.embed(["hello"]);
    expect(Array.from(vectors[0] ?? [])).toEqual([0.5, -0.25, 1]);
  });

  it("splits 5,000 texts into requests of at most 2,048 and keeps their order", async () => {
    const { server, client } = await serve({ defaultDimensions: 8 });
    const texts = Array.from({ length: 5_000 }, (_, i) => `message ${i}`);
    const model = createOpenAiEmbeddings({ client, model: "text-embedding-ada-002", dimensions: 8 });
    const { vectors } = await model.embed(texts);
    expect(inputsOf(server).map((inputs) => inputs.length)).toEqual([2_048, 2_048, 904]);
    expect(vectors).toHaveLength(5_000);
    expect(Array.from(vectors[4_321] ?? [])).toEqual(
      Array.from(Float32Array.from(hashVector("message 4321", 8))),
    );
  });

  it("keeps each request within the token budget the server enforces", async () => {
    const { server, client } = await serve({ maxTokensPerRequest: 100 });
    const texts = Array.from({ length: 40 }, (_, i) => `${"word ".repeat(8)}${i}`);
    const model = createOpenAiEmbeddings({
      client,
      dimensions: 16,
      limits: { maxInputs: 2_048, maxTokens: 100 },
    });
    const { vectors } = await model.embed(texts);
    expect(vectors).toHaveLength(40);
    expect(embeddingCalls(server).length).toBeGreaterThan(1);
    expect(inputsOf(server).flat()).toEqual(texts);
  });

  it("counts the tokens the API reports in usage, over every batch", async () => {
    const { client } = await serve();
    const texts = Array.from({ length: 30 }, (_, i) => `a message about item number ${i}`);
    const model = createOpenAiEmbeddings({
      client,
      dimensions: 8,
      limits: { maxInputs: 7, maxTokens: 300_000 },
    });
    const { tokens } = await model.embed(texts);
    expect(tokens).toBe(texts.reduce((sum, text) => sum + serverTokens(text), 0));
  });

  it("retries a 429 through the SDK's maxRetries and then succeeds", async () => {
    const { server, client } = await serve();
    server.failNext(429);
    const { vectors } = await createOpenAiEmbeddings({ client, dimensions: 8 }).embed(["retry me"]);
    expect(vectors).toHaveLength(1);
    const calls = embeddingCalls(server);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.headers["x-stainless-retry-count"]).toBe("1");
  });

  it("gives up after maxRetries with a retryable KnowledgeServiceError", async () => {
    const { server, client } = await serve();
    server.failNext(429, 5);
    const failure = await createOpenAiEmbeddings({ client, dimensions: 8 })
      .embed(["never"])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KnowledgeServiceError);
    expect(failure).toMatchObject({ service: "embeddings", details: { status: 429, retryable: true } });
    expect(embeddingCalls(server)).toHaveLength(3);
  });

  it("fails at once, not retryable, on a wrong API key", async () => {
    const { server } = await serve();
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: "sk-wrong", maxRetries: 2 });
    const failure = await createOpenAiEmbeddings({ client, dimensions: 8 })
      .embed(["x"])
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      name: "KnowledgeServiceError",
      details: { status: 401, retryable: false },
    });
    expect(server.requests).toHaveLength(1);
  });

  it("sends only cache misses to the API when wrapped in the embedding cache", async () => {
    const { server, client } = await serve();
    const model = cachedEmbeddingModel(
      createOpenAiEmbeddings({ client, dimensions: 8 }),
      createMemoryEmbeddingStore(),
    );
    await model.embed(["one", "two"]);
    await model.embed(["two", "three", "one"]);
    expect(inputsOf(server)).toEqual([["one", "two"], ["three"]]);
    expect(model.stats()).toMatchObject({ hits: 2, misses: 3 });
  });
});

describe("OpenAI chat adapter against the OpenAI-protocol server", () => {
  const question = [
    { role: "system" as const, content: "Answer from the quotes only." },
    { role: "user" as const, content: "When is lunch?" },
  ];

  it("returns the answer and the prompt and completion tokens from usage", async () => {
    const { server, client } = await serve({ chat: ["Lunch is at noon [1]."] });
    const completion = await createOpenAiChat({ client }).complete(question, {
      maxTokens: 200,
      temperature: 0,
    });
    expect(completion.text).toBe("Lunch is at noon [1].");
    expect(completion.tokens).toEqual({
      prompt: 3 + question.reduce((sum, message) => sum + 3 + serverTokens(message.content), 0),
      completion: serverTokens("Lunch is at noon [1]."),
    });
    expect(server.requests[0]?.body).toMatchObject({
      model: "gpt-4o-mini",
      max_completion_tokens: 200,
      temperature: 0,
    });
  });

  it("sends max_tokens instead to servers that expect it, and the configured model", async () => {
    const { server, client } = await serve({ chat: (body) => `echo: ${body.messages.at(-1)?.content}` });
    const chat = createOpenAiChat({ client, model: "llama3.1", maxTokensField: "max_tokens" });
    const { text } = await chat.complete(question, { maxTokens: 50 });
    expect(text).toBe("echo: When is lunch?");
    expect(server.requests[0]?.body).toMatchObject({ model: "llama3.1", max_tokens: 50 });
    expect(chat.id).toBe("openai:llama3.1");
  });

  it("retries a 500 through the SDK's maxRetries and then answers", async () => {
    const { server, client } = await serve({ chat: ["Recovered."] });
    server.failNext(500);
    expect((await createOpenAiChat({ client }).complete(question)).text).toBe("Recovered.");
    expect(server.requests).toHaveLength(2);
  });

  it("reaches any OpenAI-compatible server named by OPENAI_BASE_URL", async () => {
    const { server } = await serve({ chat: ["From the environment."] });
    const saved = { url: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
    process.env.OPENAI_BASE_URL = server.baseURL;
    process.env.OPENAI_API_KEY = server.apiKey;
    try {
      const chat = createOpenAiChat({ client: createOpenAiClient() });
      expect((await chat.complete(question)).text).toBe("From the environment.");
    } finally {
      restore("OPENAI_BASE_URL", saved.url);
      restore("OPENAI_API_KEY", saved.key);
    }
  });
});

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

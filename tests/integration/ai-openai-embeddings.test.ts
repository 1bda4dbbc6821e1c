import { createOpenAiEmbeddings } from "@megawatts/ai/openai";
import { cachedEmbeddingModel, createMemoryEmbeddingStore, KnowledgeServiceError } from "@megawatts/core";
import { hashVector, type OpenAiTestServer, serverTokens } from "@megawatts/testing/openai-server";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { closeServersAfterEach, serveOpenAi as serve } from "./ai-openai-server.ts";

closeServersAfterEach();

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

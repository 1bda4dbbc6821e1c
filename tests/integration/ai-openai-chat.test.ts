import { createOpenAiChat, createOpenAiClient } from "@megawatts/ai/openai";
import { createTraceRecorder } from "@megawatts/local";
import { serverTokens } from "@megawatts/testing/openai-server";
import { describe, expect, it } from "vitest";
import { closeServersAfterEach, serveOpenAi as serve } from "./ai-openai-server.ts";

closeServersAfterEach();

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

  it("adds the tokens usage reported to the current span, for the cost report", async () => {
    const { client } = await serve({ chat: ["Lunch is at noon [1]."] });
    const recorder = createTraceRecorder();
    let header: string | undefined;
    try {
      await recorder.span("job knowledge.ask", async () => {
        header = recorder.header();
        await createOpenAiChat({ client }).complete(question);
      });
    } finally {
      recorder.close();
    }
    const root = /Root=([^;]+)/.exec(header ?? "")?.[1] ?? "";
    const job = recorder.spans(root).find((span) => span.name === "job knowledge.ask");
    expect(job?.events).toEqual([
      {
        name: "openai.usage",
        attributes: {
          model: "gpt-4o-mini",
          inputTokens: 3 + question.reduce((sum, message) => sum + 3 + serverTokens(message.content), 0),
          outputTokens: serverTokens("Lunch is at noon [1]."),
        },
      },
    ]);
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

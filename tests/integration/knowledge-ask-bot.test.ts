import { loadFixtures } from "@megawatts/knowledge-eval/fixtures";
import type { ChatRequestBody } from "@megawatts/testing/openai-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServersAfterEach, serveOpenAi } from "./ai-openai-server.ts";
import { FIXTURE_CHANNEL, linkedIds, startKnowledgeBot } from "./knowledge-bot-fixtures.ts";

let kb: Awaited<ReturnType<typeof startKnowledgeBot>>;
let server: Awaited<ReturnType<typeof serveOpenAi>>["server"];
const asked: ChatRequestBody[] = [];

closeServersAfterEach();

/** A scripted model: cites the first source, and says when it saw an earlier turn. */
function scripted(body: ChatRequestBody): string {
  asked.push(body);
  const earlier = body.messages.some((message) => message.role === "assistant");
  return earlier
    ? "As before, raise LUMEN_UPLOAD_LIMIT_MB [1]."
    : "Set LUMEN_UPLOAD_LIMIT_MB in your env file [1].";
}

beforeAll(async () => {
  ({ server } = await serveOpenAi({ chat: scripted }));
  kb = await startKnowledgeBot("knowledge-ask-bot", {
    OPENAI_BASE_URL: server.baseURL,
    OPENAI_API_KEY: server.apiKey,
  });
});
afterAll(async () => kb?.stop());

describe("/ask with a model through the local bot", () => {
  it("answers with numbered citations of real messages, and keeps context for a follow-up", async () => {
    const admin = kb.scene({ admin: true });
    await kb.send(kb.command("plugins", admin, { plugin: "indexing" }, ["enable"]));
    await kb.send(kb.command("index", admin, { channel: FIXTURE_CHANNEL }), (text) => text.startsWith("✅"));
    const fixtureIds = new Set((await loadFixtures()).messages.map((message) => message.id));

    const first = await kb.send(kb.command("ask", admin, { question: "how do I raise the upload limit?" }));
    const followUp = await kb.send(kb.command("ask", admin, { question: "and where is that set?" }));

    expect(first.text).toContain("Set LUMEN_UPLOAD_LIMIT_MB in your env file [1].");
    expect(first.text).toMatch(/\*\*Sources\*\*\n\[1\] <@\d+> in <#\d+>: https:\/\/discord\.com\/channels\//);
    const cited = linkedIds(first.text);
    expect(cited).toHaveLength(1);
    expect(fixtureIds.has(cited[0] ?? "")).toBe(true);
    expect(JSON.stringify(asked[0]?.messages)).toContain("LUMEN_UPLOAD_LIMIT_MB");
    expect(followUp.text).toContain("As before");
    expect(followUp.text).toContain("Taken as a follow-up");
    expect(server.requests.some((request) => request.path.endsWith("/embeddings"))).toBe(true);
  });
});

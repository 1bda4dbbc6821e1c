import { messageCommandInteraction } from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definition, startKnowledgeBot } from "./knowledge-bot-fixtures.ts";

let kb: Awaited<ReturnType<typeof startKnowledgeBot>>;

beforeAll(async () => {
  kb = await startKnowledgeBot("unicode");
});
afterAll(async () => kb?.stop());

// Each text travels in a job payload through the local SQS server (which refuses characters
// outside the Basic Multilingual Plane unless they are escaped) and back out of the index.
const texts = [
  { label: "emoji", content: "Party at 9 🎉 bring snacks 🍕 and 🧁", query: "party 🎉" },
  { label: "CJK", content: "会议 在 九点 开始 𠜎 rehearsal", query: "会议 rehearsal" },
  { label: "right-to-left", content: "الاجتماع في التاسعة · שלום לכולם standup", query: "שלום standup" },
];

describe("text outside ASCII through the local queue", () => {
  for (const { label, content, query } of texts) {
    it(`remembers and finds a message with ${label}, unchanged`, async () => {
      const scene = kb.scene();

      const remembered = await kb.send(
        messageCommandInteraction(definition("Remember"), { message: { content }, scene }),
      );
      const found = await kb.send(kb.command("search", scene, { query }));

      expect(remembered.body.type).toBe(5);
      expect(remembered.text).toContain("🧠 Remembered");
      expect(found.text).toContain("1–1 of 1");
      expect(found.text).toContain(content);
      expect(found.text).toContain(query);
    });
  }
});

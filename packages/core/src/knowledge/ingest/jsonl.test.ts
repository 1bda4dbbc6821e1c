import { describe, expect, it } from "vitest";
import { MessageFileError, parseMessagesJsonl } from "./jsonl.ts";

describe("parseMessagesJsonl", () => {
  it("reads Discord field names, ISO or epoch timestamps, and replies", () => {
    const text = [
      '{"id":"3","channel_id":"2","author_id":"1","timestamp":"2026-01-05T10:00:00Z","content":"hi"}',
      "",
      '{"id":"4","channel_id":"2","author_id":"1","timestamp":1767607260000,"content":"yo","message_reference":{"message_id":"3"}}',
    ].join("\n");
    expect(parseMessagesJsonl(text)).toEqual([
      {
        id: "3",
        channelId: "2",
        authorId: "1",
        createdAt: Date.parse("2026-01-05T10:00:00Z"),
        content: "hi",
      },
      { id: "4", channelId: "2", authorId: "1", createdAt: 1767607260000, content: "yo", replyToId: "3" },
    ]);
  });

  it("names the line that cannot be read", () => {
    expect(() => parseMessagesJsonl('{"id":"1"}\nnot json')).toThrow(MessageFileError);
    expect(() =>
      parseMessagesJsonl('{"id":"1","channel_id":"2","author_id":"3","timestamp":"soon"}'),
    ).toThrow(/line 1: "timestamp" is not a date/);
  });
});

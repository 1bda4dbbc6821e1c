import { describe, expect, it } from "vitest";
import { bmpJson } from "./sqs-task-sender.ts";

describe("bmpJson", () => {
  it("writes characters outside the Basic Multilingual Plane as escapes that parse back", () => {
    const value = { note: "welcome back 🎉 ok", plain: "é ß 中" };

    const text = bmpJson(value);

    expect(text).not.toMatch(/[\u{10000}-\u{10FFFF}]/u);
    expect(text).toContain("\\ud83c\\udf89");
    expect(text).toContain("é ß 中");
    expect(JSON.parse(text)).toEqual(value);
  });
});

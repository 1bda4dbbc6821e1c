import { describe, expect, it } from "vitest";
import { encodeMessageBody } from "./message-body.ts";

// The characters every SQS implementation accepts, as the strictest local server checks them.
const SQS_SAFE = /^[\t\n\r -\uD7FF\uE000-\uFFFD]*$/;

describe("encodeMessageBody", () => {
  it("writes emoji as surrogate escapes that JSON.parse reads back unchanged", () => {
    const value = { content: "Party at 9 🎉👩‍👩‍👧 𠜎" };

    const body = encodeMessageBody(value);

    expect(body).toMatch(SQS_SAFE);
    expect(body).toContain("\\ud83c\\udf89");
    expect(JSON.parse(body)).toEqual(value);
  });

  it("keeps CJK and right-to-left text as it is, since SQS accepts it", () => {
    const value = { content: "会议在九点 · الاجتماع في التاسعة · שלום" };

    const body = encodeMessageBody(value);

    expect(body).toBe(JSON.stringify(value));
    expect(JSON.parse(body)).toEqual(value);
  });

  it("escapes the non-characters and lone surrogates SQS refuses", () => {
    const value = { content: "a\uFFFEb\uFFFF\uD800c\u0001" };

    const body = encodeMessageBody(value);

    expect(body).toMatch(SQS_SAFE);
    expect(JSON.parse(body)).toEqual(value);
  });
});

import { describe, expect, it } from "vitest";
import { chunkText } from "./chunk.ts";

describe("chunkText", () => {
  it("keeps a short text as one chunk, unchanged", () => {
    expect(chunkText("one two\nthree", { maxWords: 5, overlapWords: 1 })).toEqual(["one two\nthree"]);
  });

  it("cuts a long text into windows that overlap and cover every word", () => {
    const text = Array.from({ length: 10 }, (_, i) => `w${i}`).join(" ");
    const chunks = chunkText(text, { maxWords: 4, overlapWords: 1 });
    expect(chunks).toEqual(["w0 w1 w2 w3", "w3 w4 w5 w6", "w6 w7 w8 w9"]);
  });

  it("refuses an overlap as long as a chunk", () => {
    expect(() => chunkText("a", { maxWords: 2, overlapWords: 2 })).toThrow(RangeError);
  });
});

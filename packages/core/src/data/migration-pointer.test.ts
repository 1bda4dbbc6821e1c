import { describe, expect, it } from "vitest";
import { DELETE_CHUNK, deleteChunks } from "./migration-pointer.ts";

describe("deleteChunks", () => {
  it("splits items into transactions of at most 99, leaving room for the progress update", () => {
    const chunks = deleteChunks(Array.from({ length: 250 }, (_, i) => i));

    expect(chunks.map((chunk) => chunk.length)).toEqual([99, 99, 52]);
    expect(DELETE_CHUNK + 1).toBe(100);
  });
});

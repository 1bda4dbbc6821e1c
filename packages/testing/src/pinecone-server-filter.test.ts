import { describe, expect, it } from "vitest";
import { matchesPineconeFilter, PineconeFilterError } from "./pinecone-server-filter.ts";

const metadata = { channelId: "2", authorId: "7", createdAt: 1_000, tags: ["a", "b"] };

describe("matchesPineconeFilter", () => {
  it("treats a bare value as $eq and requires every field at one level", () => {
    expect(matchesPineconeFilter(metadata, { channelId: "2", authorId: { $eq: "7" } })).toBe(true);
    expect(matchesPineconeFilter(metadata, { channelId: "2", authorId: "8" })).toBe(false);
  });

  it("compares numbers with inclusive and exclusive bounds", () => {
    expect(matchesPineconeFilter(metadata, { createdAt: { $gte: 1_000, $lte: 1_000 } })).toBe(true);
    expect(matchesPineconeFilter(metadata, { createdAt: { $gt: 1_000 } })).toBe(false);
    expect(matchesPineconeFilter(metadata, { createdAt: { $lt: 1_001 } })).toBe(true);
  });

  it("supports $in, $nin, $ne, $exists, lists, $and and $or", () => {
    expect(matchesPineconeFilter(metadata, { authorId: { $in: ["6", "7"] } })).toBe(true);
    expect(matchesPineconeFilter(metadata, { authorId: { $nin: ["7"] } })).toBe(false);
    expect(matchesPineconeFilter(metadata, { channelId: { $ne: "3" } })).toBe(true);
    expect(matchesPineconeFilter(metadata, { kind: { $exists: false } })).toBe(true);
    expect(matchesPineconeFilter(metadata, { tags: "b" })).toBe(true);
    expect(matchesPineconeFilter(metadata, { $or: [{ authorId: "1" }, { channelId: "2" }] })).toBe(true);
    expect(matchesPineconeFilter(metadata, { $and: [{ authorId: "7" }, { channelId: "3" }] })).toBe(false);
  });

  it("rejects an unknown operator as Pinecone does", () => {
    expect(() => matchesPineconeFilter(metadata, { authorId: { $like: "7" } })).toThrow(PineconeFilterError);
  });
});

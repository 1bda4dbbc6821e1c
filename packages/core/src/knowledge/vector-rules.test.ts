import { describe, expect, it } from "vitest";
import { messageVectorId, type VectorMetadata, type VectorRecord } from "./ports.ts";
import {
  assertErasureFilter,
  assertNamespace,
  checkVectorRecords,
  matchesVectorFilter,
  VectorInputError,
} from "./vector-rules.ts";

const GUILD = "81384788765712384";
const metadata: VectorMetadata = {
  guildId: GUILD,
  channelId: "2",
  authorId: "7",
  createdAt: 1_000,
  kind: "message",
};
const record = (over: Partial<VectorRecord> = {}): VectorRecord => ({
  id: messageVectorId("2", "3", 0),
  vector: new Float32Array([1, 0, 0]),
  metadata,
  ...over,
});

describe("vector rules", () => {
  it("refuses a namespace that is not a guild id, the empty default namespace included", () => {
    expect(() => assertNamespace("")).toThrow(VectorInputError);
    expect(() => assertNamespace("guild-1")).toThrow(VectorInputError);
    expect(() => assertNamespace(GUILD)).not.toThrow();
  });

  it("refuses a record of another guild than its namespace", () => {
    const foreign = record({ metadata: { ...metadata, guildId: "99" } });
    expect(() => checkVectorRecords(GUILD, [foreign], 3)).toThrow(/belongs to guild 99/);
  });

  it("refuses vectors of the wrong length, with NaN, or all zeros", () => {
    expect(() => checkVectorRecords(GUILD, [record({ vector: new Float32Array(4) })], 3)).toThrow(
      /4 dimensions/,
    );
    expect(() =>
      checkVectorRecords(GUILD, [record({ vector: new Float32Array([1, Number.NaN, 0]) })], 3),
    ).toThrow(/not finite/);
    expect(() => checkVectorRecords(GUILD, [record({ vector: new Float32Array(3) })], 3)).toThrow(
      /all zeros/,
    );
  });

  it("refuses an erasure filter that names nobody", () => {
    expect(() => assertErasureFilter({})).toThrow(VectorInputError);
    expect(() => assertErasureFilter({ authorId: "7" })).not.toThrow();
  });

  it("matches every field of a filter, with inclusive time bounds", () => {
    expect(matchesVectorFilter(metadata, { channelId: "2", authorId: "7", kind: "message" })).toBe(true);
    expect(matchesVectorFilter(metadata, { after: 1_000, before: 1_000 })).toBe(true);
    expect(matchesVectorFilter(metadata, { after: 1_001 })).toBe(false);
    expect(matchesVectorFilter(metadata, { before: 999 })).toBe(false);
    expect(matchesVectorFilter(metadata, { channelId: "3" })).toBe(false);
    expect(matchesVectorFilter(metadata, undefined)).toBe(true);
  });

  it("builds message vector ids channel first, so a channel's records share a prefix", () => {
    expect(messageVectorId("2", "3", 1)).toBe("2:3:1");
  });
});

import { describe, expect, it } from "vitest";
import { fromMatch, planUpserts, toPineconeFilter, toPineconeRecord } from "./records.ts";

const sizes = (batches: unknown[][]) => batches.map((batch) => batch.length);

describe("planUpserts", () => {
  it("keeps each request within 1,000 records", () => {
    const records = Array.from({ length: 2_500 }, (_, i) => ({ id: `r${i}` }));
    expect(sizes(planUpserts(records))).toEqual([1_000, 1_000, 500]);
  });

  it("keeps each request within the byte limit, measured as sent", () => {
    const records = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, pad: "x".repeat(300) }));
    const batches = planUpserts(records, { maxRecords: 1_000, maxBytes: 2_048 });
    expect(sizes(batches)).toEqual([3, 3, 3, 1]);
    for (const batch of batches)
      expect(Buffer.byteLength(JSON.stringify(batch)) + 1_024).toBeLessThanOrEqual(2_048);
  });

  it("plans no request for no records", () => {
    expect(planUpserts([])).toEqual([]);
  });
});

describe("Pinecone records and filters", () => {
  const metadata = { guildId: "1", channelId: "2", authorId: "3", createdAt: 1_000, kind: "message" };

  it("sends values as plain numbers and createdAt as a number", () => {
    const record = toPineconeRecord({ id: "2:9:0", vector: Float32Array.of(0.5, 1), metadata });
    expect(record).toEqual({ id: "2:9:0", values: [0.5, 1], metadata });
  });

  it("maps every filter field, time bounds inclusive, and nothing for an empty filter", () => {
    expect(
      toPineconeFilter({ channelId: "2", authorId: "3", kind: "message", after: 10, before: 20 }),
    ).toEqual({
      channelId: { $eq: "2" },
      authorId: { $eq: "3" },
      kind: { $eq: "message" },
      createdAt: { $gte: 10, $lte: 20 },
    });
    expect(toPineconeFilter({})).toBeUndefined();
    expect(toPineconeFilter(undefined)).toBeUndefined();
  });

  it("reads a match back into the port's shape", () => {
    expect(fromMatch({ id: "2:9:0", score: 0.75, values: [], metadata }, "1")).toEqual({
      id: "2:9:0",
      score: 0.75,
      metadata,
    });
  });
});

import type { VectorIndex, VectorMetadata, VectorRecord } from "@megawatts/core";
import { describe, expect, it } from "vitest";

// What every VectorIndex must do, run against the local index and the Pinecone adapter alike.

export const DIMS = 8;
export const GUILD_A = "100000000000000001";
export const GUILD_B = "100000000000000002";
const T0 = Date.parse("2026-01-01T00:00:00Z");
const HOUR = 3_600_000;

/** A unit-ish vector pointing mostly along `axis`, nudged by `tilt` along the next one. */
export function along(axis: number, tilt = 0): Float32Array {
  const vector = new Float32Array(DIMS);
  vector[axis % DIMS] = 1;
  vector[(axis + 1) % DIMS] = tilt;
  return vector;
}

export function record(
  guildId: string,
  id: string,
  vector: Float32Array,
  meta: Partial<VectorMetadata> = {},
): VectorRecord {
  const metadata = { guildId, channelId: "20", authorId: "70", createdAt: T0, kind: "message", ...meta };
  return { id, vector, metadata };
}

/** Three messages in guild A across two channels and two authors, over three hours. */
export const seedA = () => [
  record(GUILD_A, "20:1:0", along(0), { authorId: "70", createdAt: T0 }),
  record(GUILD_A, "20:2:0", along(0, 0.5), { authorId: "71", createdAt: T0 + HOUR }),
  record(GUILD_A, "21:3:0", along(0, 1), {
    channelId: "21",
    authorId: "70",
    createdAt: T0 + 2 * HOUR,
    kind: "summary",
  }),
];

const ids = (matches: { id: string }[]) => matches.map((match) => match.id);

/**
 * The shared behaviours. `open` gives a fresh, empty index for each test.
 *
 * @example
 * describeVectorIndexContract("local index", async () => openLocalVectorIndex({ dimensions: DIMS }));
 */
export function describeVectorIndexContract(name: string, open: () => Promise<VectorIndex>) {
  describe(`${name}: the VectorIndex contract`, () => {
    it("returns the closest records best first, with cosine scores and their metadata", async () => {
      const index = await open();
      await index.upsert(GUILD_A, seedA());
      const matches = await index.query(GUILD_A, along(0), { topK: 2 });
      expect(ids(matches)).toEqual(["20:1:0", "20:2:0"]);
      expect(matches[0]?.score).toBeCloseTo(1, 5);
      expect(matches[1]?.score).toBeCloseTo(1 / Math.hypot(1, 0.5), 5);
      expect(matches[1]?.metadata).toEqual(seedA()[1]?.metadata);
    });

    it("never answers from another guild's namespace, even for an identical vector", async () => {
      const index = await open();
      await index.upsert(GUILD_A, seedA());
      await index.upsert(GUILD_B, [record(GUILD_B, "20:9:0", along(0))]);
      const inB = await index.query(GUILD_B, along(0), { topK: 10 });
      expect(ids(inB)).toEqual(["20:9:0"]);
      const inA = await index.query(GUILD_A, along(0), { topK: 10 });
      expect(ids(inA)).not.toContain("20:9:0");
      expect(inA.every((match) => match.metadata.guildId === GUILD_A)).toBe(true);
    });

    it("refuses a record whose guild is not the namespace it is written to", async () => {
      const index = await open();
      await expect(index.upsert(GUILD_B, [record(GUILD_A, "20:1:0", along(0))])).rejects.toThrow(
        /belongs to guild/,
      );
    });

    it("replaces a record upserted again under the same id", async () => {
      const index = await open();
      await index.upsert(GUILD_A, seedA());
      await index.upsert(GUILD_A, [record(GUILD_A, "20:1:0", along(4), { kind: "edited" })]);
      const [best] = await index.query(GUILD_A, along(4), { topK: 1 });
      expect(best).toMatchObject({ id: "20:1:0", metadata: { kind: "edited" } });
      expect(await index.query(GUILD_A, along(0), { topK: 10 })).toHaveLength(3);
    });

    it("filters by channel, author and kind", async () => {
      const index = await open();
      await index.upsert(GUILD_A, seedA());
      const query = (filter: object) => index.query(GUILD_A, along(0), { topK: 10, filter });
      expect(ids(await query({ channelId: "21" }))).toEqual(["21:3:0"]);
      expect(ids(await query({ authorId: "70" }))).toEqual(["20:1:0", "21:3:0"]);
      expect(ids(await query({ kind: "summary" }))).toEqual(["21:3:0"]);
      expect(ids(await query({ channelId: "20", authorId: "71" }))).toEqual(["20:2:0"]);
    });

    it("filters by time with inclusive bounds", async () => {
      const index = await open();
      await index.upsert(GUILD_A, seedA());
      const query = (filter: object) => index.query(GUILD_A, along(0), { topK: 10, filter });
      expect(ids(await query({ after: T0 + HOUR }))).toEqual(["20:2:0", "21:3:0"]);
      expect(ids(await query({ before: T0 + HOUR }))).toEqual(["20:1:0", "20:2:0"]);
      expect(ids(await query({ after: T0 + HOUR, before: T0 + HOUR }))).toEqual(["20:2:0"]);
    });

    it("deletes records by id and ignores ids it does not hold", async () => {
      const index = await open();
      await index.upsert(GUILD_A, seedA());
      await index.delete(GUILD_A, ["20:1:0", "99:99:0"]);
      expect(ids(await index.query(GUILD_A, along(0), { topK: 10 }))).toEqual(["20:2:0", "21:3:0"]);
    });

    it("erases one author's records in one guild only, and says how many", async () => {
      const index = await open();
      await index.upsert(GUILD_A, seedA());
      await index.upsert(GUILD_B, [record(GUILD_B, "20:9:0", along(0), { authorId: "70" })]);
      expect(await index.deleteByFilter(GUILD_A, { authorId: "70" })).toBe(2);
      expect(ids(await index.query(GUILD_A, along(0), { topK: 10 }))).toEqual(["20:2:0"]);
      expect(ids(await index.query(GUILD_B, along(0), { topK: 10 }))).toEqual(["20:9:0"]);
    });

    it("erases a channel's records", async () => {
      const index = await open();
      await index.upsert(GUILD_A, seedA());
      expect(await index.deleteByFilter(GUILD_A, { channelId: "20" })).toBe(2);
      expect(ids(await index.query(GUILD_A, along(0), { topK: 10 }))).toEqual(["21:3:0"]);
    });

    it("refuses an erasure filter that names nobody", async () => {
      const index = await open();
      await expect(index.deleteByFilter(GUILD_A, {})).rejects.toThrow(/authorId or a channelId/);
    });
  });
}

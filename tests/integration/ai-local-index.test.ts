import { appendFile, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHashEmbedder, openLocalVectorIndex, VectorLogError } from "@megawatts/ai/local";
import { messageVectorId } from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  along,
  DIMS,
  describeVectorIndexContract,
  GUILD_A,
  GUILD_B,
  record,
  seedA,
} from "./ai-vector-contract.ts";

let root: string;
let dirs = 0;
const freshDir = () => join(root, `index-${++dirs}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "megawatts-vectors-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describeVectorIndexContract("local index on disk (usearch scan)", () =>
  openLocalVectorIndex({ dimensions: DIMS, dir: freshDir() }),
);
describeVectorIndexContract("local index in memory (JavaScript scan)", () =>
  openLocalVectorIndex({ dimensions: DIMS, scan: "js" }),
);

describe("the local vector index on disk", () => {
  it("uses the native scan when usearch is installed", async () => {
    expect((await openLocalVectorIndex({ dimensions: DIMS })).engine).toBe("usearch");
  });

  it("keeps records, replacements and deletes across a reopen", async () => {
    const dir = freshDir();
    const first = await openLocalVectorIndex({ dimensions: DIMS, dir });
    await first.upsert(GUILD_A, seedA());
    await first.upsert(GUILD_A, [record(GUILD_A, "20:2:0", along(5), { kind: "edited" })]);
    await first.delete(GUILD_A, ["21:3:0"]);
    await first.upsert(GUILD_B, [record(GUILD_B, "20:9:0", along(0))]);

    const reopened = await openLocalVectorIndex({ dimensions: DIMS, dir });
    expect(await reopened.count(GUILD_A)).toBe(2);
    const [best] = await reopened.query(GUILD_A, along(5), { topK: 1 });
    expect(best).toMatchObject({ id: "20:2:0", metadata: { kind: "edited" } });
    expect((await reopened.query(GUILD_B, along(0), { topK: 5 })).map((m) => m.id)).toEqual(["20:9:0"]);
  });

  it("keeps one file per guild, named by the guild id", async () => {
    const dir = freshDir();
    const index = await openLocalVectorIndex({ dimensions: DIMS, dir });
    await index.upsert(GUILD_A, seedA());
    await index.upsert(GUILD_B, [record(GUILD_B, "20:9:0", along(0))]);
    expect((await readdir(dir)).sort()).toEqual([`${GUILD_A}.vectors`, `${GUILD_B}.vectors`]);
  });

  it("recovers every whole write after a crash tore the last one", async () => {
    const dir = freshDir();
    const index = await openLocalVectorIndex({ dimensions: DIMS, dir });
    await index.upsert(GUILD_A, seedA());
    await appendFile(join(dir, `${GUILD_A}.vectors`), Buffer.from([200, 0, 0, 0, 1, 2, 3]));

    const reopened = await openLocalVectorIndex({ dimensions: DIMS, dir });
    expect(await reopened.count(GUILD_A)).toBe(3);
    await reopened.upsert(GUILD_A, [record(GUILD_A, "20:4:0", along(6))]);
    const again = await openLocalVectorIndex({ dimensions: DIMS, dir });
    expect(await again.count(GUILD_A)).toBe(4);
  });

  it("rewrites a log full of overwritten records down to the live ones", async () => {
    const dir = freshDir();
    const index = await openLocalVectorIndex({ dimensions: DIMS, dir });
    for (let round = 0; round < 15; round++) {
      const batch = Array.from({ length: 100 }, (_, i) =>
        record(GUILD_A, `20:${i}:0`, along(i, round / 10), { kind: `round-${round}` }),
      );
      await index.upsert(GUILD_A, batch);
    }
    const perRecord = (await stat(join(dir, `${GUILD_A}.vectors`))).size / 100;
    expect(perRecord).toBeLessThan(4 * (DIMS * 4 + 200));
    const reopened = await openLocalVectorIndex({ dimensions: DIMS, dir });
    const all = await reopened.query(GUILD_A, along(3), { topK: 1_000 });
    expect(all).toHaveLength(100);
    expect(new Set(all.map((match) => match.metadata.kind))).toEqual(new Set(["round-14"]));
  });

  it("refuses to open a log written for another dimension", async () => {
    const dir = freshDir();
    await (await openLocalVectorIndex({ dimensions: DIMS, dir })).upsert(GUILD_A, seedA());
    const other = await openLocalVectorIndex({ dimensions: 16, dir });
    await expect(other.count(GUILD_A)).rejects.toThrow(VectorLogError);
  });

  it("refuses to open a file that is not a vector log", async () => {
    const dir = freshDir();
    const index = await openLocalVectorIndex({ dimensions: DIMS, dir });
    await writeFile(join(dir, `${GUILD_A}.vectors`), "hello");
    await expect(index.count(GUILD_A)).rejects.toThrow(/not a vector log/);
  });
});

describe("the local embedder with the local index", () => {
  it("finds the message that answers a question, filtered to its channel", async () => {
    const model = createHashEmbedder();
    const index = await openLocalVectorIndex({ dir: freshDir() });
    const messages = [
      ["30", "the deploy to production broke the login page, rolling back now"],
      ["30", "lunch is at noon in the big room"],
      ["31", "production login is broken again after the deploy"],
      ["30", "who wants to review my pull request about caching"],
    ] as const;
    const { vectors } = await model.embed(messages.map(([, text]) => text));
    await index.upsert(
      GUILD_A,
      messages.map(([channelId], i) =>
        record(GUILD_A, messageVectorId(channelId, String(i), 0), vectors[i] as Float32Array, { channelId }),
      ),
    );
    const [question] = (await model.embed(["why is login broken after the deploy?"])).vectors;
    const matches = await index.query(GUILD_A, question as Float32Array, {
      topK: 1,
      filter: { channelId: "30" },
    });
    expect(matches.map((match) => match.id)).toEqual(["30:0:0"]);
  });
});

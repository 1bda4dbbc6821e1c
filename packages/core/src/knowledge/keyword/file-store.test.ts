import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GUILD } from "@megawatts/testing/knowledge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileKeywordStore } from "./file-store.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "megawatts-keywords-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the file keyword store", () => {
  it("appends, reads after a seq, compacts the covered entries away and ignores a torn line", async () => {
    const store = createFileKeywordStore(dir);
    await store.append(GUILD, { seq: "01A", deleteMessages: ["1"] });
    await store.append(GUILD, { seq: "01B", deleteMessages: ["2"] });
    await appendFile(join(dir, GUILD, "log.jsonl"), '{"seq":"01C","del');
    expect((await store.read(GUILD, "01A")).entries.map((entry) => entry.seq)).toEqual(["01B"]);
    const snapshot = { seq: "01A", messages: [], deletedMessages: { "1": "01A" }, deletedAuthors: {} };
    expect(await store.compact(GUILD, snapshot, ["01A"], undefined)).toBe(true);
    const reopened = await createFileKeywordStore(dir).read(GUILD);
    expect(reopened).toMatchObject({ snapshot: { seq: "01A" }, entries: [{ seq: "01B" }] });
  });

  it("refuses a guild id that could leave its directory", async () => {
    await expect(createFileKeywordStore(dir).read("../etc")).rejects.toThrow(/guild id/);
  });
});

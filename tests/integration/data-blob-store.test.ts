import type { BlobInfo } from "@megawatts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DataFixture, dataFixture } from "./data-fixtures.ts";

let fx: DataFixture;
const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  fx = await dataFixture("data-blobs");
});

afterAll(() => fx.clients.destroy());

describe("S3BlobStore", () => {
  it("reads back the bytes, content type and metadata it put", async () => {
    await fx.blobs.put("cold/a/1.jsonl.gz", bytes("one"), {
      contentType: "application/x-ndjson",
      metadata: { items: "1" },
    });

    const blob = await fx.blobs.get("cold/a/1.jsonl.gz");

    expect(blob && new TextDecoder().decode(blob.bytes)).toBe("one");
    expect(blob?.contentType).toBe("application/x-ndjson");
    expect(blob?.metadata).toEqual({ items: "1" });
  });

  it("answers undefined for a missing key", async () => {
    expect(await fx.blobs.get("cold/missing")).toBeUndefined();
  });

  it("lists a prefix page by page, in key order, and nothing outside it", async () => {
    const keys = ["cold/list/a", "cold/list/b", "cold/list/c", "cold/list/d", "cold/list/e"];
    for (const key of [...keys, "cold/other/x"])
      await fx.blobs.put(key, bytes(key), { contentType: "text/plain" });

    const seen: BlobInfo[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await fx.blobs.list("cold/list/", { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.cursor;
      pages += 1;
    } while (cursor);

    expect(seen.map((info) => info.key)).toEqual(keys);
    expect(seen.every((info) => info.size > 0)).toBe(true);
    expect(pages).toBe(3);
  });

  it("deletes an object, and deleting a missing one succeeds", async () => {
    await fx.blobs.put("cold/del/1", bytes("x"), { contentType: "text/plain" });

    await fx.blobs.delete("cold/del/1");
    await fx.blobs.delete("cold/del/1");

    expect(await fx.blobs.get("cold/del/1")).toBeUndefined();
  });
});

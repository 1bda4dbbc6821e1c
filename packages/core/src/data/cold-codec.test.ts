import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeColdBatch, encodeColdBatch } from "./cold-codec.ts";
import type { DocumentItem } from "./ports.ts";

const item = (sk: string): DocumentItem => ({
  pk: "G#1",
  sk,
  cls: "remembered-message",
  v: 1,
  tenant: "1",
  createdAt: 1,
  updatedAt: 1,
  data: { content: { ct: "AAAA" } },
});

describe("cold batch objects", () => {
  it("hold one gzipped JSON line per item and read back the same items", () => {
    const items = [item("MSG#1"), item("MSG#2")];

    const bytes = encodeColdBatch(items);

    expect(gunzipSync(bytes).toString("utf8").split("\n")).toHaveLength(2);
    expect(decodeColdBatch(bytes)).toEqual(items);
  });

  it("read back an empty batch as no items", () => {
    expect(decodeColdBatch(encodeColdBatch([]))).toEqual([]);
  });
});

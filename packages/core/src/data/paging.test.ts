import { describe, expect, it } from "vitest";
import { allPages, mapLimit } from "./paging.ts";

describe("allPages", () => {
  it("follows cursors until a page has none", async () => {
    const pages: Record<string, { items: number[]; cursor?: string }> = {
      start: { items: [1, 2], cursor: "b" },
      b: { items: [3], cursor: "c" },
      c: { items: [] },
    };
    const seen: number[] = [];

    for await (const n of allPages(async (cursor) => pages[cursor ?? "start"] ?? { items: [] })) seen.push(n);

    expect(seen).toEqual([1, 2, 3]);
  });
});

describe("mapLimit", () => {
  it("keeps the input order and never runs more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return n * 10;
    });

    expect({ results, most }).toEqual({ results: [50, 10, 40, 20, 30], most: 2 });
  });
});

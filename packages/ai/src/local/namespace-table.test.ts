import { matchesVectorFilter, type VectorFilter, type VectorMetadata } from "@megawatts/core";
import { describe, expect, it } from "vitest";
import { jsFullScan } from "./exact-scan.ts";
import { NamespaceTable } from "./namespace-table.ts";
import { searchTable } from "./search-table.ts";

const metadata = (i: number): VectorMetadata => ({
  guildId: "1",
  channelId: String(10 + (i % 3)),
  authorId: String(20 + (i % 5)),
  createdAt: 1_000 + i,
  kind: i % 4 === 0 ? "thread-summary" : "message",
});

const vector = (i: number) => Float32Array.from({ length: 4 }, (_, d) => Math.sin(i * 7 + d) + 1.5);

/** A table after puts, replacements and removals, with the records it should hold. */
function filled() {
  const table = new NamespaceTable(4);
  const held = new Map<string, VectorMetadata>();
  for (let i = 0; i < 60; i++) {
    table.put(`r${i}`, vector(i), metadata(i));
    held.set(`r${i}`, metadata(i));
  }
  for (let i = 0; i < 60; i += 7) {
    table.remove(`r${i}`);
    held.delete(`r${i}`);
  }
  for (let i = 3; i < 60; i += 11) {
    const moved = { ...metadata(i + 1), kind: "message" };
    table.put(`r${i}`, vector(i), moved);
    held.set(`r${i}`, moved);
  }
  return { table, held };
}

describe("the namespace table", () => {
  it("picks the rows a filter passes exactly as matchesVectorFilter does", () => {
    const { table, held } = filled();
    const filters: VectorFilter[] = [
      { kind: "message" },
      { channelId: "11" },
      { authorId: "23", kind: "thread-summary" },
      { channelId: "10", after: 1_010, before: 1_040 },
      { channelId: "99" },
      { kind: "nothing" },
      { before: 1_000 },
    ];
    for (const filter of filters) {
      const picked = [...table.rowsMatching(filter)].map((row) => table.idAt(row)).sort();
      const expected = [...held]
        .filter(([, meta]) => matchesVectorFilter(meta, filter))
        .map(([id]) => id)
        .sort();
      expect(picked).toEqual(expected);
    }
  });

  it("answers a filter every row passes with the same matches as no filter", () => {
    const table = new NamespaceTable(4);
    for (let i = 0; i < 40; i++) table.put(`r${i}`, vector(i), { ...metadata(i), kind: "message" });
    const query = vector(5);
    const plain = searchTable(table, query, { topK: 7 }, jsFullScan, false);
    const filtered = searchTable(table, query, { topK: 7, filter: { kind: "message" } }, jsFullScan, false);
    expect(filtered).toEqual(plain);
    expect(plain).toHaveLength(7);
  });
});

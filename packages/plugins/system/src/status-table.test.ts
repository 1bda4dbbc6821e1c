import { describe, expect, it } from "vitest";
import { renderStatusTable } from "./status-table.ts";

describe("renderStatusTable", () => {
  it("summarises a degraded dependency as degraded when nothing is down", () => {
    const text = renderStatusTable([
      { name: "jobs queue", kind: "queue", state: "up", latencyMs: 4 },
      { name: "circuit breakers", kind: "breakers", state: "degraded", latencyMs: 0, detail: "upstash open" },
    ]);

    expect(text.split("\n")[0]).toBe("🟡 **Status: degraded** — 2 dependencies, 0 down, 1 degraded");
    expect(text).toMatch(/circuit breakers\s+breakers\s+degraded\s+0 ms\s+upstash open/);
  });

  it("summarises the worst state and lists every dependency in an aligned table", () => {
    const text = renderStatusTable([
      { name: "jobs queue", kind: "queue", state: "up", latencyMs: 4, detail: "depth 0" },
      { name: "table", kind: "table", state: "down", latencyMs: 2000, detail: "timeout" },
      { name: "cache", kind: "cache", state: "not configured", latencyMs: 0 },
    ]);

    expect(text.split("\n")).toEqual([
      "🔴 **Status: down** — 3 dependencies, 1 down, 0 degraded",
      "```",
      "dependency  kind   state           latency  detail",
      "jobs queue  queue  up              4 ms     depth 0",
      "table       table  down            2000 ms  timeout",
      "cache       cache  not configured  –",
      "```",
    ]);
  });
});

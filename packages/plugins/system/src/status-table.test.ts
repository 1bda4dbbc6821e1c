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

  it("says since when each dependency has been in its recorded state, given the health history", () => {
    const now = Date.UTC(2026, 11, 7, 12, 0);
    const history = new Map([
      [
        "table",
        { name: "table", state: "down" as const, since: now - 3 * 3_600_000, checkedAt: now, changes: [] },
      ],
    ]);

    const text = renderStatusTable(
      [
        { name: "table", kind: "table", state: "down", latencyMs: 2000, detail: "timeout" },
        { name: "bucket", kind: "bucket", state: "up", latencyMs: 5 },
      ],
      history,
      now,
    );

    expect(text).toMatch(/dependency\s+kind\s+state\s+latency\s+since\s+detail/);
    expect(text).toMatch(/table\s+table\s+down\s+2000 ms\s+down 3 h\s+timeout/);
    expect(text).toMatch(/bucket\s+bucket\s+up\s+5 ms\s+–/);
  });
});

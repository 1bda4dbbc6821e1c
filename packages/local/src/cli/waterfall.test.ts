import { describe, expect, it } from "vitest";
import { renderWaterfall } from "./waterfall.ts";

const span = (name: string, spanId: string, start: number, durationMs: number, parentId?: string) => ({
  name,
  spanId,
  start,
  durationMs,
  attributes: {},
  ...(parentId ? { parentId } : {}),
});

describe("renderWaterfall", () => {
  it("indents each span under its parent with its offset and duration", () => {
    const lines = renderWaterfall([
      span("ingress POST /interactions", "a", 1_000, 20),
      span("SQS SendMessage", "b", 1_010, 5, "a"),
      span("job system.status", "c", 1_040, 60, "a"),
      span("DynamoDB PutItem", "d", 1_050, 10, "c"),
    ]).split("\n");

    expect(lines[0]).toBe("Trace: 4 spans over 100 ms");
    expect(lines[2]).toMatch(/^\s+\+10 ms\s+5\.0 ms .*█.* {3}SQS SendMessage$/);
    expect(lines[4]).toMatch(/\+50 ms\s+10 ms .* {5}DynamoDB PutItem$/);
  });

  it("shows a failed span's error", () => {
    const failed = { ...span("PATCH discord.com", "a", 0, 3), error: "HTTP 500" };

    expect(renderWaterfall([failed])).toContain("PATCH discord.com  ✗ HTTP 500");
  });

  it("says so when a trace has no spans", () => {
    expect(renderWaterfall([])).toBe("(no spans recorded for this trace)");
  });
});

import { InMemoryDocumentStore } from "@megawatts/testing/data-fakes";
import { describe, expect, it } from "vitest";
import type { DependencyStatus } from "./check-dependencies.ts";
import { readHealthHistory, recordHealth } from "./history.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const table = (state: DependencyStatus["state"]): DependencyStatus => ({
  name: "table",
  kind: "table",
  state,
  latencyMs: 3,
});

describe("the health history", () => {
  it("keeps when a dependency last changed state, not when it was last checked", async () => {
    const documents = new InMemoryDocumentStore();
    const start = Date.UTC(2026, 11, 7, 4, 0);

    await recordHealth(documents, [table("up")], start);
    await recordHealth(documents, [table("down")], start + 5 * MINUTE);
    await recordHealth(documents, [table("down")], start + 10 * MINUTE);
    const record = (await readHealthHistory(documents, ["table", "bucket"])).get("table");

    expect(record?.state).toBe("down");
    expect(record?.since).toBe(start + 5 * MINUTE);
    expect(record?.checkedAt).toBe(start + 10 * MINUTE);
    expect(record?.changes).toEqual([
      { at: start, state: "up" },
      { at: start + 5 * MINUTE, state: "down" },
    ]);
  });

  it("forgets changes older than three days and lets the record expire three days after the last check", async () => {
    const start = Date.UTC(2026, 11, 1);
    let now = start;
    const documents = new InMemoryDocumentStore({ now: () => now });

    await recordHealth(documents, [table("down")], now);
    now = start + DAY;
    await recordHealth(documents, [table("up")], now);
    now = start + 3 * DAY + 60 * MINUTE;
    await recordHealth(documents, [table("up")], now);

    const record = (await readHealthHistory(documents, ["table"])).get("table");
    expect(record?.changes).toEqual([{ at: start + DAY, state: "up" }]);
    expect(record?.since).toBe(start + DAY);
    const item = await documents.get({ pk: "SYSTEM", sk: "HEALTH#table" });
    expect(item?.expiresAt).toBe(Math.floor((start + 6 * DAY + 60 * MINUTE) / 1000));
  });
});

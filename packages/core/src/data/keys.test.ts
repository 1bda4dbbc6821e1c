import { describe, expect, it } from "vitest";
import { coldBatchSk, coldObjectKey, parseColdBatchSk, periodEnd, periodOf } from "./keys.ts";

describe("cold batch keys", () => {
  const ref = {
    tenant: "81384788765712384",
    cls: "remembered-message",
    period: "2040-03",
    batchId: "cb_01ABC",
  };

  it("name class, tenant, month and batch in the object key", () => {
    expect(coldObjectKey(ref)).toBe("cold/remembered-message/81384788765712384/2040-03/cb_01ABC.jsonl.gz");
  });

  it("parse back from the index sort key", () => {
    expect(parseColdBatchSk(ref.tenant, coldBatchSk(ref))).toEqual(ref);
  });

  it("refuse to parse another kind of key", () => {
    expect(() => parseColdBatchSk("1", "MSG#1#2")).toThrow(/not a cold batch key/);
  });
});

describe("periods", () => {
  it("group by UTC calendar month", () => {
    expect([
      periodOf(Date.parse("2040-03-31T23:59:59.999Z")),
      periodOf(Date.parse("2040-04-01T00:00:00Z")),
    ]).toEqual(["2040-03", "2040-04"]);
  });

  it("end at the first millisecond of the next month, across a year", () => {
    expect(periodEnd("2040-12")).toBe(Date.parse("2041-01-01T00:00:00Z"));
  });
});

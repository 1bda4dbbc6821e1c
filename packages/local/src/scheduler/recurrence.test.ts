import { describe, expect, it } from "vitest";
import { parseRecurrence, RecurrenceSyntaxError } from "./recurrence.ts";

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe("parseRecurrence", () => {
  it("runs a rate on whole periods of UTC time", () => {
    const every5 = parseRecurrence("rate(5 minutes)");
    expect(iso(every5.next(t("2026-12-07T10:02:30Z")))).toBe("2026-12-07T10:05:00.000Z");
    expect(iso(every5.next(t("2026-12-07T10:05:00Z")))).toBe("2026-12-07T10:10:00.000Z");
    expect(iso(parseRecurrence("rate(1 day)").next(t("2026-12-07T10:00:00Z")))).toBe(
      "2026-12-08T00:00:00.000Z",
    );
  });

  it("finds the latest occurrence of a rate since a time, including one exactly now", () => {
    const hourly = parseRecurrence("rate(1 hour)");
    expect(iso(hourly.latest(t("2026-12-07T08:00:00Z"), t("2026-12-07T11:00:00Z")))).toBe(
      "2026-12-07T11:00:00.000Z",
    );
    expect(hourly.latest(t("2026-12-07T11:00:00Z"), t("2026-12-07T11:59:59Z"))).toBeUndefined();
  });

  it("reads a daily cron in UTC", () => {
    const daily = parseRecurrence("cron(15 4 * * ? *)");
    expect(iso(daily.next(t("2026-12-07T04:15:00Z")))).toBe("2026-12-08T04:15:00.000Z");
    expect(iso(daily.latest(t("2026-12-01T00:00:00Z"), t("2026-12-07T04:15:00Z")))).toBe(
      "2026-12-07T04:15:00.000Z",
    );
  });

  it("numbers weekdays from Sunday = 1, as EventBridge does", () => {
    // 2026-12-07 is a Monday.
    const mondays = parseRecurrence("cron(0 20 ? * 2 *)");
    expect(iso(mondays.next(t("2026-12-06T00:00:00Z")))).toBe("2026-12-07T20:00:00.000Z");
    const weekdays = parseRecurrence("cron(0 9 ? * MON-FRI *)");
    expect(iso(weekdays.next(t("2026-12-11T09:00:00Z")))).toBe("2026-12-14T09:00:00.000Z");
  });

  it("reads steps, L, W, # and the year field", () => {
    expect(iso(parseRecurrence("cron(0/10 * * * ? *)").next(t("2026-12-07T10:01:00Z")))).toBe(
      "2026-12-07T10:10:00.000Z",
    );
    expect(iso(parseRecurrence("cron(0 12 L * ? 2027)").next(t("2026-12-07T00:00:00Z")))).toBe(
      "2027-01-31T12:00:00.000Z",
    );
    expect(iso(parseRecurrence("cron(0 9 ? * 6#3 *)").next(t("2026-12-01T00:00:00Z")))).toBe(
      "2026-12-18T09:00:00.000Z",
    );
    expect(iso(parseRecurrence("cron(0 8 1W * ? *)").next(t("2026-12-07T00:00:00Z")))).toBe(
      "2027-01-01T08:00:00.000Z",
    );
    expect(parseRecurrence("cron(0 12 1 1 ? 2020)").next(t("2026-01-01T00:00:00Z"))).toBeUndefined();
  });

  it.each([
    "rate(0 minutes)",
    "rate(5 seconds)",
    "cron(0 12 * * *)",
    "cron(0 12 1 * MON *)",
    "cron(0 12 * * * *)",
    "cron(61 12 * * ? *)",
    "every 5 minutes",
  ])("refuses %s", (expression) => {
    expect(() => parseRecurrence(expression)).toThrow(RecurrenceSyntaxError);
  });
});

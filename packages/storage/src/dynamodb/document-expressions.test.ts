import { describe, expect, it } from "vitest";
import { liveFilter, sortKeyCondition, writeCondition } from "./document-expressions.ts";

/** Every placeholder an expression uses is defined, and every defined one is used (DynamoDB insists). */
function placeholdersMatch(expression: { text: string; names: object; values: object }) {
  const used = new Set(expression.text.match(/[#:][A-Za-z0-9]+/g));
  const defined = new Set([...Object.keys(expression.names), ...Object.keys(expression.values)]);
  return [...used].sort().join() === [...defined].sort().join();
}

describe("writeCondition", () => {
  it("lets put-if-absent replace an expired item", () => {
    expect(writeCondition({ ifAbsent: true }, 10).text).toBe(
      "attribute_not_exists(#pk) OR #expiresAt <= :now",
    );
  });

  it("compares updatedAt and requires no accessedAt when the revision says null", () => {
    const condition = writeCondition({ ifUnchanged: { updatedAt: 5, accessedAt: null } }, 10);

    expect(condition.text).toContain("#updatedAt = :updatedAt AND attribute_not_exists(#accessedAt)");
    expect(condition.values).toMatchObject({ ":updatedAt": 5, ":now": 10 });
  });

  it.each([
    { ifAbsent: true as const },
    { ifExists: true as const },
    { ifExpired: true as const },
    { ifUnchanged: { updatedAt: 1 } },
    { ifUnchanged: { updatedAt: 1, accessedAt: 2 } },
    { ifUnchanged: { updatedAt: 1, accessedAt: null } },
  ])("defines exactly the placeholders it uses for %o", (condition) => {
    expect(placeholdersMatch(writeCondition(condition, 10))).toBe(true);
  });
});

describe("sortKeyCondition", () => {
  it.each([
    [undefined, "#h = :h"],
    [{ prefix: "MSG#" }, "#h = :h AND begins_with(#r, :r)"],
    [{ between: ["a", "b"] as const }, "#h = :h AND #r BETWEEN :r0 AND :r1"],
    [{ from: "a" }, "#h = :h AND #r >= :r"],
    [{ to: "b" }, "#h = :h AND #r <= :r"],
  ])("turns %o into %s with matching placeholders", (sk, text) => {
    const condition = sortKeyCondition("pk", "sk", "G#1", sk);

    expect(condition.text).toBe(text);
    expect(placeholdersMatch(condition)).toBe(true);
  });
});

describe("liveFilter", () => {
  it("keeps items without a TTL or with one still ahead", () => {
    expect(liveFilter(10)).toEqual({
      text: "(attribute_not_exists(#expiresAt) OR #expiresAt > :now)",
      names: { "#expiresAt": "expiresAt" },
      values: { ":now": 10 },
    });
  });
});

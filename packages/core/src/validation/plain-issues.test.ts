import { describe, expect, it } from "vitest";
import { z } from "zod";
import { plainIssues } from "./plain-issues.ts";

const schema = z.object({
  query: z.string().trim().min(1).max(300),
  mode: z.enum(["keyword", "semantic"]).optional(),
  limit: z.number().int().min(1).max(25).optional(),
  filters: z.object({ channelIds: z.array(z.string()).max(2).optional() }).default({}),
});
const issues = (input: unknown, labels = {}) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected a failure");
  return plainIssues(parsed.error, labels);
};

describe("plainIssues", () => {
  it("says a text is too long in a sentence, naming the field as a person would", () => {
    expect(issues({ query: "x".repeat(301) }, { query: "search text" })).toBe(
      "The search text is too long: 300 characters at most.",
    );
  });

  it("says an empty or missing field is empty or missing", () => {
    expect(issues({ query: "  " })).toBe("The query is empty.");
    expect(issues({})).toBe("The query is missing or not a string.");
  });

  it("lists the allowed values and bounds", () => {
    expect(issues({ query: "a", mode: "fuzzy", limit: 99 })).toBe(
      "The mode must be one of keyword, semantic. The limit must be at most 25.",
    );
    expect(issues({ query: "a", filters: { channelIds: ["1", "2", "3"] } })).toBe(
      "Too many channel ids: 2 at most.",
    );
  });

  it("never shows zod's developer report", () => {
    const text = issues({ query: "x".repeat(400), mode: 3 });
    expect(text).not.toMatch(/✖|→|expected string to have/);
  });
});

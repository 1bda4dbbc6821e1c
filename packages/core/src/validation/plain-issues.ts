import type { z } from "zod";

/** How a field is named to a person, by its path (`"query"`, `"filters.after"`). */
export type FieldLabels = Readonly<Record<string, string>>;

const count = (n: number | bigint, one: string, many: string) => `${n} ${n === 1 || n === 1n ? one : many}`;

function sentence(issue: z.core.$ZodIssue, labels: FieldLabels): string {
  const path = issue.path.map(String).join(".");
  const last = String(issue.path.at(-1) ?? "input");
  const label = labels[path] ?? last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  const The = `The ${label}`;
  switch (issue.code) {
    case "too_big":
      if (issue.origin === "string")
        return `${The} is too long: ${count(issue.maximum, "character", "characters")} at most.`;
      if (issue.origin === "array") return `Too many ${label}: ${issue.maximum} at most.`;
      return `${The} must be at most ${issue.maximum}.`;
    case "too_small":
      if (issue.origin === "string")
        return issue.minimum === 1
          ? `${The} is empty.`
          : `${The} is too short: ${count(issue.minimum, "character", "characters")} at least.`;
      if (issue.origin === "array") return `Too few ${label}: ${issue.minimum} at least.`;
      return `${The} must be at least ${issue.minimum}.`;
    case "invalid_type":
      return `${The} is missing or not a ${issue.expected}.`;
    case "invalid_value":
      return `${The} must be one of ${issue.values.map(String).join(", ")}.`;
    default:
      return `${The} is not valid.`;
  }
}

/**
 * A failed validation as sentences a person can act on, one per problem, instead of zod's
 * developer-facing report.
 *
 * @example
 * plainIssues(schema.safeParse({ query: "x".repeat(400) }).error, { query: "search text" })
 * // "The search text is too long: 300 characters at most."
 */
export function plainIssues(error: z.ZodError, labels: FieldLabels = {}): string {
  return [...new Set(error.issues.map((issue) => sentence(issue, labels)))].join(" ");
}

import { describe, expect, it } from "vitest";
import { resolveConfig } from "../config.ts";
import { qualityViolations } from "./quality.ts";

const limits = resolveConfig({
  quality: {
    complexity: { warn: 3, fail: 5 },
    nesting: { warn: 2, fail: 3 },
    fileLines: { warn: 20, fail: 40 },
  },
}).quality;

describe("qualityViolations", () => {
  it("counts branches, loops, catch clauses and short-circuit operators per function", () => {
    const code = [
      "export function busy(a: number, b?: string) {",
      "  if (a > 1 && b) return 1;",
      "  for (const x of [a]) while (x) break;",
      "  return b ?? (a ? 2 : 3);",
      "}",
      "export const calm = (a: number) => a + 1;",
    ].join("\n");

    expect(qualityViolations("a.ts", code, limits)).toEqual([
      {
        rule: "quality/complexity",
        file: "a.ts",
        line: 1,
        severity: "error",
        message: "function `busy` has cyclomatic complexity 7 (warn above 3, fail above 5)",
      },
    ]);
  });

  it("measures nesting without counting else-if chains or nested functions", () => {
    const code = [
      "function deep(items: number[][]) {",
      "  for (const row of items) {",
      "    if (row.length) {",
      "      for (const x of row) console.log(x);",
      "    } else if (row) {",
      "      row.forEach((x) => { if (x) { if (x > 1) console.log(x); } });",
      "    }",
      "  }",
      "}",
    ].join("\n");

    const found = qualityViolations("a.ts", code, { ...limits, complexity: { warn: 99, fail: 99 } });

    expect(found.map((violation) => [violation.severity, violation.message])).toEqual([
      ["warning", "function `deep` nests control flow 3 deep (warn above 2, fail above 3)"],
    ]);
  });

  it("warns about a long file and fails a very long one", () => {
    const code = (lines: number) => "export const a = 1;\n".repeat(lines);

    expect(qualityViolations("a.ts", code(20), limits)).toEqual([]);
    expect(qualityViolations("a.ts", code(21), limits)[0]).toMatchObject({
      rule: "quality/file-size",
      severity: "warning",
    });
    expect(qualityViolations("a.ts", code(41), limits)[0]).toMatchObject({
      severity: "error",
      message: "file is longer than 40 lines; split it by concern",
    });
  });
});

import { describe, expect, it } from "vitest";
import { findPlaceholders } from "./placeholders.ts";

describe("findPlaceholders", () => {
  it.each([
    "  // ... existing code ...",
    "// ...",
    "  /* rest of file unchanged */",
    "# ...",
    "    // (unchanged)",
    "// … other commands …",
    "  // rest of the function stays the same",
    "{/* ... */}",
    "<!-- ... -->",
    "  ...",
    "  return x; // ... rest unchanged",
    "// keep existing handlers",
    "// Previous implementation omitted for brevity",
  ])("flags %j as code left out", (line) => {
    expect(findPlaceholders(`const a = 1;\n${line}\n`, "const a = 0;\n")).toEqual([
      { line: 2, text: line.trim() },
    ]);
  });

  it.each([
    "// Retries three times before giving up.",
    "const rest = [...items];",
    "  ...spread,",
    "#count = 0;",
    "// The cache keeps existing entries until they expire, then reloads them from the table in one batch.",
  ])("leaves %j alone", (line) => {
    expect(findPlaceholders(`${line}\n`, "")).toEqual([]);
  });

  it("allows a placeholder-looking comment that the SEARCH text already holds", () => {
    const search = "  // ... existing code ...\n  run();\n";
    const replace = "  // ... existing code ...\n  run(1);\n";

    expect(findPlaceholders(replace, search)).toEqual([]);
  });
});

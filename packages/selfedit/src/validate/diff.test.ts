import { describe, expect, it } from "vitest";
import { unifiedDiff } from "./diff.ts";

const lines = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`);

describe("unifiedDiff", () => {
  it("prints one hunk with three lines of context and counts the lines", () => {
    const before = `${lines(10).join("\n")}\n`;
    const after = before.replace("line 5\n", "line five\nline 5½\n");

    const { diff, stat } = unifiedDiff([{ path: "src/a.ts", before, after, blocks: [1] }]);

    expect(stat).toEqual({ files: 1, added: 2, removed: 1 });
    expect(diff).toBe(
      [
        "diff --git a/src/a.ts b/src/a.ts",
        "--- a/src/a.ts",
        "+++ b/src/a.ts",
        "@@ -2,7 +2,8 @@",
        " line 2",
        " line 3",
        " line 4",
        "-line 5",
        "+line five",
        "+line 5½",
        " line 6",
        " line 7",
        " line 8",
        "",
      ].join("\n"),
    );
  });

  it("splits distant changes into separate hunks and shows a created file against /dev/null", () => {
    const before = `${lines(20).join("\n")}\n`;
    const after = before.replace("line 2\n", "line two\n").replace("line 19\n", "line nineteen\n");

    const { diff, stat } = unifiedDiff([
      { path: "src/a.ts", before, after, blocks: [1] },
      { path: "src/new.ts", before: undefined, after: "a\nb\n", blocks: [2] },
    ]);

    expect(diff.match(/^@@ .* @@$/gm)).toEqual(["@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@", "@@ -0,0 +1,2 @@"]);
    expect(diff).toContain("new file mode 100644\n--- /dev/null\n+++ b/src/new.ts\n");
    expect(stat).toEqual({ files: 2, added: 4, removed: 2 });
  });
});

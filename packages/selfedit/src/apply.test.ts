import { describe, expect, it } from "vitest";
import { applyEdits } from "./apply.ts";
import type { EditBlock } from "./edit-format/types.ts";
import { createMemorySnapshot } from "./snapshot/memory-snapshot.ts";

const FORMAT = [
  "export function greeting(name: string): string {",
  "  if (name === '') {",
  "    return 'Hello, stranger!';",
  "  }",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
  "  return `Hello, ${name}!`;",
  "}",
  "",
].join("\n");

const base = createMemorySnapshot(
  {
    "src/format.ts": FORMAT,
    "src/legacy.ts": "export const broken = {\n",
    "src/crlf.ts": "const a = 1;\r\nconst b = 2;\r\n",
    "src/twice.ts": "function a() {\n  done();\n}\nfunction b() {\n  done();\n}\n",
  },
  "0123456789abcdef",
);

let index = 0;
const edit = (path: string, search: string, replace: string): EditBlock => ({
  index: ++index,
  path,
  search,
  replace,
  line: 1,
});

describe("applyEdits", () => {
  it("applies blocks in order, each seeing the ones before it, and changes nothing else", async () => {
    const { changes, problems } = await applyEdits(base, [
      edit("src/format.ts", "    return 'Hello, stranger!';\n", "    return 'Hi, stranger!';\n"),
      edit("src/format.ts", "    return 'Hi, stranger!';\n", "    return 'Hi there, stranger!';\n"),
    ]);

    expect(problems).toEqual([]);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.after).toBe(FORMAT.replace("Hello, stranger!", "Hi there, stranger!"));
    expect(changes[0]?.before).toBe(FORMAT);
  });

  it("creates a file from an empty SEARCH and refuses to create one that exists", async () => {
    const created = await applyEdits(base, [edit("src/new.ts", "", "export const n = 1;\n")]);
    const clash = await applyEdits(base, [edit("src/format.ts", "", "export {};\n")]);

    expect(created.changes).toEqual([
      { path: "src/new.ts", before: undefined, after: "export const n = 1;\n", blocks: [index - 1] },
    ]);
    expect(clash.problems[0]).toMatchObject({ rule: "edits/file-exists", file: "src/format.ts" });
    expect(clash.problems[0]?.message).toMatch(
      /an empty SEARCH creates a file, but src\/format.ts already exists/,
    );
  });

  it("says where the closest region is and how it differs when SEARCH matches nothing", async () => {
    const { problems } = await applyEdits(base, [
      edit("src/format.ts", "  if (name === '') {\n    return 'Hello, strangr!';\n", "x\n"),
    ]);

    expect(problems).toEqual([expect.objectContaining({ rule: "edits/no-match", line: 2 })]);
    expect(problems[0]?.message).toMatch(
      /SEARCH text not found in src\/format.ts; the closest region is lines 2–3 \(\d+% similar\); line 3 of the file reads `return 'Hello, stranger!';` where SEARCH has `return 'Hello, strangr!';`/,
    );
  });

  it("points out a SEARCH that differs from the file only in indentation", async () => {
    const { problems } = await applyEdits(base, [
      edit("src/format.ts", "if (name === '') {\n  return 'Hello, stranger!';\n", "x\n"),
    ]);

    expect(problems[0]?.message).toMatch(
      /it matches at line 2 only if whitespace is ignored: copy the lines exactly/,
    );
  });

  it("lists every line where an ambiguous SEARCH matches", async () => {
    const { problems } = await applyEdits(base, [edit("src/twice.ts", "  done();\n", "  done(1);\n")]);

    expect(problems).toEqual([expect.objectContaining({ rule: "edits/multiple-matches", line: 2 })]);
    expect(problems[0]?.message).toMatch(
      /matches 2 times in src\/twice.ts \(lines 2, 5\); add surrounding lines/,
    );
  });

  it("suggests the file a wrong path probably meant", async () => {
    const { problems } = await applyEdits(base, [edit("lib/format.ts", "x\n", "y\n")]);

    expect(problems[0]).toMatchObject({ rule: "edits/missing-file" });
    expect(problems[0]?.message).toMatch(
      /lib\/format.ts does not exist at 0123456789ab; did you mean src\/format.ts\?/,
    );
  });

  it("rejects placeholder comments standing for elided code", async () => {
    const { problems } = await applyEdits(base, [
      edit(
        "src/format.ts",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
        "  return `Hello, ${name}!`;\n",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
        "  // ... existing code ...\n  return `Hi, ${name}!`;\n",
      ),
    ]);

    expect(problems).toEqual([expect.objectContaining({ rule: "edits/placeholder", line: 5 })]);
  });

  it("rejects a result whose brackets no longer balance, unless the base file was already unbalanced", async () => {
    const broken = await applyEdits(base, [edit("src/format.ts", "  }\n  return", "  return")]);
    const already = await applyEdits(base, [
      edit("src/legacy.ts", "export const broken = {\n", "export const broken = [\n"),
    ]);

    expect(broken.problems).toEqual([
      expect.objectContaining({
        rule: "edits/unbalanced-brackets",
        message: expect.stringMatching(/`\{` opened at line 1 is never closed/),
      }),
    ]);
    expect(already.problems).toEqual([]);
  });

  it("keeps Windows line endings in a CRLF file", async () => {
    const { changes } = await applyEdits(base, [edit("src/crlf.ts", "const b = 2;\n", "const b = 3;\n")]);

    expect(changes[0]?.after).toBe("const a = 1;\r\nconst b = 3;\r\n");
  });

  it("reports edits that change nothing", async () => {
    const { problems } = await applyEdits(base, [edit("src/format.ts", "  }\n  return", "  }\n  return")]);

    expect(problems.map((problem) => problem.rule)).toEqual(["edits/no-change"]);
  });
});

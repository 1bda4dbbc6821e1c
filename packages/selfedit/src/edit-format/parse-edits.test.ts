import { describe, expect, it } from "vitest";
import { formatEdits } from "./format-edits.ts";
import { parseEdits } from "./parse-edits.ts";

const block = (path: string, search: string, replace: string) =>
  `${path}\n\`\`\`ts\n<<<<<<< SEARCH\n${search}=======\n${replace}>>>>>>> REPLACE\n\`\`\`\n`;

describe("parseEdits", () => {
  it("reads a block whose path sits above a code fence, ignoring the prose around it", () => {
    const answer = `Sure! Here is the change.\n\n${block("src/a.ts", "const a = 1;\n", "const a = 2;\n")}\nThat's all.`;

    const { blocks, issues } = parseEdits(answer);

    expect(issues).toEqual([]);
    expect(blocks).toEqual([
      { index: 1, path: "src/a.ts", search: "const a = 1;\n", replace: "const a = 2;\n", line: 5 },
    ]);
  });

  it("reads a path written inside the fence, in bold, backticks or after 'File:'", () => {
    const answer = [
      "```ts\nsrc/one.ts\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n```",
      "**`src/two.ts`**\n<<<<<<< SEARCH\nc\n=======\nd\n>>>>>>> REPLACE",
      "File: ./src/three.ts\n```typescript\n<<<<<<< SEARCH\ne\n=======\nf\n>>>>>>> REPLACE\n```",
      "```ts title=src/four.ts\n<<<<<<< SEARCH\ng\n=======\nh\n>>>>>>> REPLACE\n```",
    ].join("\n\n");

    const { blocks, issues } = parseEdits(answer);

    expect(issues).toEqual([]);
    expect(blocks.map((edit) => edit.path)).toEqual([
      "src/one.ts",
      "src/two.ts",
      "src/three.ts",
      "src/four.ts",
    ]);
  });

  it("numbers several blocks in order and lets a block without a path reuse the previous one", () => {
    const answer = `${block("src/a.ts", "x\n", "y\n")}<<<<<<< SEARCH\nz\n=======\nw\n>>>>>>> REPLACE\n`;

    const { blocks } = parseEdits(answer);

    expect(blocks.map(({ index, path }) => ({ index, path }))).toEqual([
      { index: 1, path: "src/a.ts" },
      { index: 2, path: "src/a.ts" },
    ]);
  });

  it("reads an empty SEARCH as the creation of a new file, and an empty REPLACE as a deletion", () => {
    const { blocks } = parseEdits(
      `${block("src/new.ts", "", "export const n = 1;\n")}${block("src/b.ts", "gone\n", "")}`,
    );

    expect(blocks.map(({ search, replace }) => ({ search, replace }))).toEqual([
      { search: "", replace: "export const n = 1;\n" },
      { search: "gone\n", replace: "" },
    ]);
  });

  it("accepts Windows line endings", () => {
    const { blocks } = parseEdits(block("src/a.ts", "a\n", "b\n").replace(/\n/g, "\r\n"));

    expect(blocks[0]).toMatchObject({ search: "a\n", replace: "b\n" });
  });

  it("names the block and what is wrong when a divider or end marker is missing", () => {
    const answer = [
      block("src/ok.ts", "a\n", "b\n"),
      "src/a.ts\n<<<<<<< SEARCH\nold\n>>>>>>> REPLACE",
      "src/b.ts\n<<<<<<< SEARCH\nold\n=======\nnew",
    ].join("\n");

    const { blocks, issues } = parseEdits(answer);

    expect(blocks).toHaveLength(1);
    expect(issues.map((issue) => issue.block)).toEqual([2, 3]);
    expect(issues[0]?.message).toMatch(
      /^block 2 \(line \d+\): >>>>>>> REPLACE at line \d+ comes before any =======/,
    );
    expect(issues[1]?.message).toMatch(/^block 3 \(line \d+\): the answer ends before >>>>>>> REPLACE/);
  });

  it("reports a block without any path, a SEARCH opened inside another block, and a stray end marker", () => {
    const answer = [
      "<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE",
      "src/c.ts\n<<<<<<< SEARCH\nc\n<<<<<<< SEARCH\nd\n=======\ne\n>>>>>>> REPLACE",
      ">>>>>>> REPLACE",
    ].join("\n");

    const { issues } = parseEdits(answer);

    expect(issues.map((issue) => issue.message.replace(/;.*$/, ""))).toEqual([
      "block 1 (line 1): no file path before <<<<<<< SEARCH",
      "block 2 (line 7): a new <<<<<<< SEARCH at line 9 starts before this block's >>>>>>> REPLACE",
      "block 4: stray `>>>>>>> REPLACE` at line 14 with no <<<<<<< SEARCH before it",
    ]);
  });

  it("says so when an answer holds no block at all", () => {
    expect(parseEdits("I would change the greeting.").issues).toEqual([
      { block: 0, line: 1, message: expect.stringMatching(/^the answer holds no SEARCH\/REPLACE block/) },
    ]);
  });
});

describe("formatEdits", () => {
  it("writes blocks that parse back to the same edits", () => {
    const edits = [
      { path: "src/a.ts", search: "a\nb\n", replace: "c\n" },
      { path: "src/new.ts", search: "", replace: "export {};\n" },
    ];

    const { blocks, issues } = parseEdits(formatEdits(edits));

    expect(issues).toEqual([]);
    expect(blocks.map(({ path, search, replace }) => ({ path, search, replace }))).toEqual(edits);
  });
});

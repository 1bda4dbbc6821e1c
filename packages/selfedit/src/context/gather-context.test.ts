import { describe, expect, it } from "vitest";
import { createMemorySnapshot } from "../snapshot/memory-snapshot.ts";
import { chunkDeclarations } from "./chunk-declarations.ts";
import { gatherContext } from "./gather-context.ts";
import { TargetError, targetGlobs } from "./target.ts";

const FORMAT = [
  'import { emoji } from "./emoji.ts";',
  "",
  "/** The greeting for one person. */",
  "export function greeting(name: string): string {",
  '  return "Hello, " + name;',
  "}",
  "",
  "const cache = new Map<string, string>();",
  "",
  "/** A wave. */",
  "export const wave = (times: number) => emoji.repeat(times);",
  "",
].join("\n");

const FILES = {
  "packages/plugins/greet/src/format.ts": FORMAT,
  "packages/plugins/dice/src/roll.ts":
    "/** Rolls dice. */\nexport function roll(sides: number) {\n  return sides;\n}\n",
  "packages/plugins/dice/package.json": '{ "name": "dice" }\n',
  "packages/core/src/types.ts": "export interface Reply {\n  content: string;\n}\n",
  "package-lock.json": "{}\n",
};

describe("chunkDeclarations", () => {
  it("splits a file along its top-level declarations, comments included, as exact lines", () => {
    const chunks = chunkDeclarations("src/format.ts", FORMAT);

    expect(
      chunks.map((chunk) => [chunk.kind, chunk.name, chunk.exported, chunk.startLine, chunk.endLine]),
    ).toEqual([
      ["imports", "imports", false, 1, 1],
      ["function", "greeting", true, 3, 6],
      ["variable", "cache", false, 8, 8],
      ["variable", "wave", true, 10, 11],
    ]);
    expect(chunks[1]?.text).toBe(`${FORMAT.split("\n").slice(2, 6).join("\n")}\n`);
    for (const chunk of chunks) expect(FORMAT).toContain(chunk.text);
  });

  it("keeps a small non-script file whole", () => {
    expect(chunkDeclarations("a/package.json", '{ "a": 1 }\n')).toMatchObject([
      { kind: "file", name: "package.json" },
    ]);
  });
});

describe("gatherContext", () => {
  const base = createMemorySnapshot(FILES, "abc123");

  it("maps the files in scope with their exported symbols and ranks the relevant declaration first", async () => {
    const context = await gatherContext({
      base,
      request: "Make the greeting friendlier",
      budgetTokens: 4_000,
    });

    expect(context.files).toEqual([
      "packages/plugins/dice/package.json",
      "packages/plugins/dice/src/roll.ts",
      "packages/plugins/greet/src/format.ts",
    ]);
    expect(context.map).toContain(
      "- packages/plugins/greet/src/format.ts: greeting (function), wave (variable)",
    );
    expect(context.text).toContain("### packages/plugins/greet/src/format.ts");
    expect(context.text).not.toContain("packages/core/src/types.ts");
    expect(context.commit).toBe("abc123");
  });

  it("stays within the token budget, keeping the best-ranked declaration with its file's imports", async () => {
    const context = await gatherContext({ base, request: "greeting for a person", budgetTokens: 120 });
    const names = context.chunks.map((chunk) => chunk.name);

    expect(context.tokens).toBeLessThanOrEqual(120);
    expect(names).toEqual(expect.arrayContaining(["imports", "greeting"]));
    expect(names).not.toContain("roll");
  });

  it("narrows to a target plugin", async () => {
    const context = await gatherContext({ base, request: "anything", target: "dice" });

    expect(context.files).toEqual([
      "packages/plugins/dice/package.json",
      "packages/plugins/dice/src/roll.ts",
    ]);
  });

  it("explains a target that matches nothing", async () => {
    await expect(gatherContext({ base, request: "x", target: "weather" })).rejects.toThrow(TargetError);
    expect(() => targetGlobs("../etc/passwd", Object.keys(FILES))).toThrow(
      /not a plugin id or a repository path/,
    );
  });

  it("accepts a file, a folder or a glob as the target", () => {
    const paths = Object.keys(FILES);

    expect(targetGlobs("packages/core/src/types.ts", paths)).toEqual(["packages/core/src/types.ts"]);
    expect(targetGlobs("packages/core/", paths)).toEqual(["packages/core/**"]);
    expect(targetGlobs("packages/*/src/*.ts", paths)).toEqual(["packages/*/src/*.ts"]);
  });
});

import { describe, expect, it } from "vitest";
import { matchesGlob } from "./glob.ts";

describe("matchesGlob", () => {
  it.each([
    ["packages/plugins/dice/src/roll.ts", "packages/plugins/**", true],
    ["packages/plugins", "packages/plugins/**", false],
    ["packages/core/src/index.ts", "packages/plugins/**", false],
    ["package.json", "**/package.json", true],
    ["packages/core/package.json", "**/package.json", true],
    ["packages/core/package.json.bak", "**/package.json", false],
    ["sst.config.ts", "sst.config.ts", true],
    ["sstXconfig.ts", "sst.config.ts", false],
    ["packages/core/src/config.ts", "**/config.ts", true],
    ["stacks/api.ts", "stacks/*.ts", true],
    ["stacks/nested/api.ts", "stacks/*.ts", false],
    ["a/b.ts", "a/?.ts", true],
  ])("%s against %s is %s", (path, glob, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });
});

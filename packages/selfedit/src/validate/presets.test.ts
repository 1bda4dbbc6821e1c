import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGitSnapshot } from "../snapshot/git-snapshot.ts";
import { block } from "../testing/edits.ts";
import { createFixtureRepo, type FixtureRepo } from "../testing/fixture-repo.ts";
import { formatFeedback } from "./feedback.ts";
import { createValidator, type Validator } from "./validator.ts";

const ROLL = "packages/plugins/dice/src/roll.ts";
const RETURN_ROLL = "  return { count: Number(match[1]), sides: Number(match[2]) };\n";

let repo: FixtureRepo;
let validator: Validator;
beforeAll(async () => {
  repo = await createFixtureRepo();
  // Without a checkout the type and test stages are skipped: decisions here come from the policy.
  const { dir: _checkout, ...base } = await openGitSnapshot(repo.dir);
  validator = createValidator({ base, options: { preset: "automatic", tests: { run: false } } });
});
afterAll(() => repo.remove());

describe("presets and rounds", () => {
  const safe = block(ROLL, RETURN_ROLL, "  return { count: Number(match[1]), sides: Number(match[2]) };\n\n");

  it("records the type and test stages as skipped when there is no checkout to run them in", async () => {
    const report = await validator.validate(safe);

    expect(report.stages.filter((stage) => stage.status === "skipped")).toEqual([
      {
        stage: "types",
        status: "skipped",
        violations: [],
        ms: 0,
        reason: "no checkout with node_modules to type-check against",
      },
      {
        stage: "tests",
        status: "skipped",
        violations: [],
        ms: 0,
        reason: "tests are left to the pull request's CI",
      },
    ]);
  });

  it("approves under automatic, asks for review under semi-automatic without tests and under manual always", async () => {
    const decisions = [];
    for (const preset of ["automatic", "semi-automatic", "manual"] as const)
      decisions.push((await validator.validate(safe, { preset, tests: { run: false } })).decision);

    expect(decisions).toEqual(["approve", "needs-review", "needs-review"]);
  });

  it("lets a policy override one field of a preset", async () => {
    const report = await validator.validate(safe, {
      preset: "manual",
      policy: { approveMaxRisk: "low", requireTestsRun: false, maxApproveLines: 10 },
      tests: { run: false },
    });

    expect(report.decision).toBe("approve");
  });

  it("formats a rejected round as feedback a model can act on, then accepts the corrected round", async () => {
    const first = await validator.validate(
      block(ROLL, "  if (!match) return undefined;\n  return { count: 1 };\n", "x\n"),
    );
    const second = await validator.validate(
      block(ROLL, "  if (!match) return undefined;\n", "  if (!match) {\n    return undefined;\n  }\n"),
    );

    expect(formatFeedback(first)).toMatch(
      /^The edits were rejected by the edits check\. Fix every problem below:\n- \[edits\/no-match\] packages\/plugins\/dice\/src\/roll\.ts:10: block 1: SEARCH text not found/,
    );
    expect(second.decision).toBe("approve");
    expect(formatFeedback(second)).toBe("The edits passed every check.");
  });
});

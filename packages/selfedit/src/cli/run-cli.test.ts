import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openGitSnapshot } from "../snapshot/git-snapshot.ts";
import { block, harmlessPluginEdit } from "../testing/edits.ts";
import { runCli, USAGE_EXIT } from "./run-cli.ts";

/** This repository's own checkout: the CLI validates against its HEAD. */
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

let dir: string;
let harmless: string;
let forbidden: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "selfedit-cli-"));
  harmless = join(dir, "harmless.md");
  forbidden = join(dir, "forbidden.md");
  await writeFile(harmless, await harmlessPluginEdit(await openGitSnapshot(ROOT)));
  await writeFile(forbidden, block(".github/workflows/deploy.yml", "", "name: deploy\n"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    cwd: ROOT,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

// Each run type-checks the affected files of the real repository; nothing here is timed.
describe("selfedit validate on this repository", { timeout: 180_000 }, () => {
  it("exits 0 and prints an approving report for a harmless plugin edit under the automatic preset", async () => {
    const { code, stdout } = await cli(
      "validate",
      "--edits",
      harmless,
      "--preset",
      "automatic",
      "--no-tests",
    );

    const report = JSON.parse(stdout);
    expect(code).toBe(0);
    expect(report.decision).toBe("approve");
    expect(report.stages.find((stage: { stage: string }) => stage.stage === "tests")).toMatchObject({
      status: "skipped",
      reason: "--no-tests",
    });
    expect(report.diff).toContain("+// Reviewed by the self-edit validator.");
  });

  it("exits 2 when the manual preset sends the same edit to review", async () => {
    const { code, stdout } = await cli("validate", "--edits", harmless, "--preset", "manual", "--no-tests");

    expect(code).toBe(2);
    expect(JSON.parse(stdout).decision).toBe("needs-review");
  });

  it("exits 1 through npm run selfedit for a workflow edit, naming the rule, file and line", () => {
    const result = spawnSync(
      "npm",
      ["run", "-s", "selfedit", "--", "validate", "--edits", forbidden, "--no-tests"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );

    const report = JSON.parse(result.stdout);
    expect(result.status).toBe(1);
    expect(report.decision).toBe("reject");
    expect(report.stages[1].violations).toEqual([
      expect.objectContaining({ rule: "gate/protected", file: ".github/workflows/deploy.yml", line: 0 }),
    ]);
  });
});

describe("selfedit usage", () => {
  it("explains a missing flag, an unknown preset and a missing request", async () => {
    const missing = await cli("validate");
    const preset = await cli("validate", "--edits", harmless, "--preset", "yolo");
    const propose = await cli("propose");

    expect([missing.code, preset.code, propose.code]).toEqual([USAGE_EXIT, USAGE_EXIT, USAGE_EXIT]);
    expect(missing.stderr).toMatch(/--edits <file> is required/);
    expect(preset.stderr).toMatch(/--preset must be one of manual, semi-automatic, automatic/);
    expect(propose.stderr).toMatch(/describe the change in at least 10 characters/);
  });
});

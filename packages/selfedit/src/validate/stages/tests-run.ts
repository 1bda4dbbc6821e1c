import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FileChange } from "../../apply/types.ts";
import type { Project } from "../../repo/project.ts";
import { workspaceOf } from "../../repo/workspaces.ts";
import type { Violation } from "../types.ts";
import { materialise } from "./worktree.ts";

const TEST = /\.(?:test|spec)\.[cm]?[jt]sx?$/;

/**
 * The tests a change concerns: changed test files, the `*.test.ts` beside each changed file,
 * and the tests reached through importers of the changed files — followed freely inside the
 * changed file's workspace, and one step into other workspaces (a test there that imports
 * the changed code directly, not everything that depends on it at a distance).
 */
export function relatedTests(changes: readonly FileChange[], after: Project): string[] {
  const tests = new Set<string>();
  const seen = new Set<string>();
  const queue = changes.map((change) => ({
    path: change.path,
    home: workspaceOf(change.path, after.workspaces).dir,
    expand: true,
  }));
  for (const { path } of queue) {
    const colocated = path.replace(/(\.[cm]?[jt]sx?)$/, ".test$1");
    if (colocated !== path && after.paths.has(colocated)) tests.add(colocated);
  }
  while (queue.length > 0) {
    const { path, home, expand } = queue.shift() as (typeof queue)[number];
    if (seen.has(path)) continue;
    seen.add(path);
    if (TEST.test(path)) tests.add(path);
    if (!expand) continue;
    for (const importer of after.importers(path)) {
      const inside = workspaceOf(importer.from, after.workspaces).dir === home;
      queue.push({ path: importer.from, home, expand: inside || importer.reexport });
    }
  }
  return [...tests].sort();
}

interface VitestReport {
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // The nested runner must not think it is a worker of an outer vitest.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")),
    );
    const child = spawn(command, args, {
      cwd,
      env: { ...env, CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output = (output + chunk).slice(-20_000)));
    child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-20_000)));
    child.on("error", (error) => resolve({ code: null, output: `${output}\n${error.message}` }));
    child.on("close", (code) => resolve({ code, output }));
  });
}

const firstLine = (text: string | undefined) =>
  (text ?? "")
    .split("\n")
    .find((line) => line.trim() !== "")
    ?.trim() ?? "";

/**
 * Runs the given tests with vitest in a temporary worktree of the base commit with the change
 * written in, and returns each failing test as a violation. The worktree is always removed.
 */
export async function runRelatedTests(
  repoDir: string,
  commit: string,
  changes: readonly FileChange[],
  tests: readonly string[],
  after: Project,
  timeoutMs: number,
): Promise<Violation[]> {
  const workspaceDirs = after.workspaces.map((workspace) => workspace.dir).filter(Boolean);
  const tree = await materialise(repoDir, commit, changes, workspaceDirs);
  try {
    const outputFile = join(tree.dir, "..", "vitest.json");
    const result = await run(
      "npx",
      ["--no-install", "vitest", "run", "--reporter=json", `--outputFile=${outputFile}`, ...tests],
      tree.dir,
      timeoutMs,
    );
    const report = JSON.parse(await readFile(outputFile, "utf8").catch(() => "{}")) as VitestReport;
    const violations: Violation[] = [];
    for (const file of report.testResults ?? []) {
      const path = file.name.startsWith(tree.dir) ? file.name.slice(tree.dir.length + 1) : file.name;
      const failed = (file.assertionResults ?? []).filter((test) => test.status === "failed");
      for (const test of failed)
        violations.push({
          rule: "tests/failed",
          file: path,
          line: 0,
          severity: "error",
          message: `${test.fullName}: ${firstLine(test.failureMessages?.[0])}`,
        });
      if (failed.length === 0 && file.status === "failed")
        violations.push({
          rule: "tests/failed",
          file: path,
          line: 0,
          severity: "error",
          message: `the test file failed to run: ${firstLine(file.message)}`,
        });
    }
    if (report.testResults === undefined || (result.code !== 0 && violations.length === 0))
      violations.push({
        rule: "tests/runner",
        file: "",
        line: 0,
        severity: "error",
        message: `vitest exited with ${result.code ?? "a timeout"}: ${result.output.trim().split("\n").slice(-5).join(" ⏎ ")}`,
      });
    return violations;
  } finally {
    await tree.remove();
  }
}

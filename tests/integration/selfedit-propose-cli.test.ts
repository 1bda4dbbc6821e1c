import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@megawatts/selfedit/cli";
import { gitRun } from "@megawatts/selfedit/local-git";
import { createFixtureRepo, type FixtureRepo } from "@megawatts/selfedit/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeServersAfterEach, serveOpenAi } from "./ai-openai-server.ts";
import { FORMAT, GOOD, TYPE_ERROR } from "./selfedit-answers.ts";

closeServersAfterEach();

let repo: FixtureRepo;
let dataDir: string;
beforeEach(async () => {
  repo = await createFixtureRepo();
  dataDir = await mkdtemp(join(tmpdir(), "selfedit-cli-"));
});
afterEach(async () => {
  await repo.remove();
  await rm(dataDir, { recursive: true, force: true });
});

async function propose(answers: string[], ...flags: string[]) {
  const { server } = await serveOpenAi({ chat: answers });
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    ["propose", "Greet strangers a little more warmly", "--target", "greet", ...flags],
    {
      cwd: repo.dir,
      env: { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: server.apiKey, MEGAWATTS_DATA_DIR: dataDir },
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    },
  );
  return { code, stdout, stderr };
}

// Each run type-checks the fixture; nothing here is timed.
describe("npm run selfedit -- propose", { timeout: 120_000 }, () => {
  it("prints each round and the final report, and writes the branch and record when approved", async () => {
    const { code, stdout } = await propose([TYPE_ERROR, GOOD], "--no-tests", "--approve");

    expect(code).toBe(0);
    expect(stdout).toMatch(/Round 1: reject .*tokens/);
    expect(stdout).toMatch(/❌ types .* types\/TS2322/);
    expect(stdout).toContain("→ sent back to the model:");
    expect(stdout).toMatch(/Round 2: needs-review \(low risk\)/);
    expect(stdout).toContain('+    return "Hello there, stranger!";');
    const branch = /Opened (megawatts\/se_\w+) at/.exec(stdout)?.[1] ?? "";
    expect(await gitRun(repo.dir, ["show", `${branch}:${FORMAT}`])).toContain("Hello there, stranger!");
    expect(await readdir(join(dataDir, "pull-requests"))).toHaveLength(1);
  });

  it("writes nothing and exits 2 when nobody approves", async () => {
    const { code, stderr } = await propose([GOOD], "--no-tests");

    expect(code).toBe(2);
    expect(stderr).toContain("Not approved: nothing was written");
    expect(await gitRun(repo.dir, ["branch", "--list", "megawatts/*"])).toBe("");
  });
});

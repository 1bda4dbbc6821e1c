import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureRepo, type FixtureRepo } from "../testing/fixture-repo.ts";
import { gitRun } from "./git-plumbing.ts";
import { createLocalGitWriter, type LocalPullRequest } from "./local-git-writer.ts";
import type { RepositoryWriter } from "./ports.ts";

const FORMAT = "packages/plugins/greet/src/format.ts";
const REQUEST = "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R";

let repo: FixtureRepo;
let records: string;
let writer: RepositoryWriter;
beforeAll(async () => {
  repo = await createFixtureRepo();
  records = await mkdtemp(join(tmpdir(), "selfedit-records-"));
  writer = createLocalGitWriter({ dir: repo.dir, recordDir: records });
});
afterAll(async () => {
  await repo.remove();
  await rm(records, { recursive: true, force: true });
});

const input = (requestId = REQUEST) => ({
  requestId,
  baseCommit: repo.commit,
  changes: [
    { path: FORMAT, content: "export const greeting = () => 'Hi';\n" },
    { path: "packages/plugins/dice/src/legacy.ts", content: null },
    { path: "packages/plugins/greet/src/new.ts", content: "export {};\n" },
  ],
  title: "Greet briefly",
  body: "Requested in Discord.",
  labels: ["self-edit"],
});

const git = (...args: string[]) => gitRun(repo.dir, args);

describe("the local git writer", () => {
  it("commits the change on megawatts/<request id> with the base as parent and records the pull request", async () => {
    const pr = await writer.openPullRequest(input());

    expect(pr).toMatchObject({ number: 1, branch: `megawatts/${REQUEST}`, reused: false });
    expect(await git("rev-parse", `megawatts/${REQUEST}`)).toBe(pr.commit);
    expect(await git("rev-parse", `${pr.commit}^`)).toBe(repo.commit);
    expect(await git("show", `${pr.commit}:${FORMAT}`)).toBe("export const greeting = () => 'Hi';");
    expect(await git("ls-tree", "--name-only", pr.commit, "packages/plugins/dice/src/")).not.toContain(
      "legacy.ts",
    );
    const record = JSON.parse(await readFile(new URL(pr.url), "utf8")) as LocalPullRequest;
    expect(record).toMatchObject({ number: 1, requestId: REQUEST, base: repo.commit, commit: pr.commit });
    expect(record.diff).toContain("+export const greeting = () => 'Hi';");
    expect(await git("log", "-1", "--format=%an <%ae>%n%s", pr.commit)).toBe(
      "megawatts <megawatts@localhost>\nGreet briefly",
    );
  });

  it("leaves HEAD, the index and the work tree as they were", async () => {
    await writer.openPullRequest(input("se_01JD3K8Z6Q9T0V4N2B7C5X1M8T"));

    expect(await git("rev-parse", "HEAD")).toBe(repo.commit);
    expect(await git("symbolic-ref", "HEAD")).toBe("refs/heads/main");
    expect(await git("status", "--porcelain")).toBe("");
  });

  it("opens nothing twice for a retried request: same commit, same record, reused", async () => {
    const first = await writer.openPullRequest(input());
    const again = await writer.openPullRequest(input());

    expect(again).toEqual({ ...first, reused: true });
    expect(await git("rev-list", "--count", `${repo.commit}..megawatts/${REQUEST}`)).toBe("1");
  });

  it("reads the repository at its base through a snapshot", async () => {
    const snapshot = await writer.snapshot();

    expect(snapshot.commit).toBe(repo.commit);
    expect(await snapshot.readFile(FORMAT)).toContain("Hello, stranger!");
  });
});

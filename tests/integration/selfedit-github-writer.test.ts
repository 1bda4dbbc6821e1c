import { createGithubWriter, openGithubSnapshot } from "@megawatts/selfedit/github";
import { type GithubTestServer, startGithubTestServer } from "@megawatts/testing/github-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const FILES = {
  "packages/plugins/greet/src/format.ts": 'export const greeting = () => "Hello!";\n',
  "packages/plugins/greet/src/old.ts": "export const old = 1;\n",
  "README.md": "# bot\n",
};
const REQUEST = "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R";

let github: GithubTestServer;
beforeEach(async () => {
  github = await startGithubTestServer({ files: FILES });
});
afterEach(() => github.close());

const writerFor = (server: GithubTestServer) =>
  createGithubWriter({
    apiUrl: server.apiUrl,
    appId: server.appId,
    privateKey: server.privateKey,
    installationId: server.installationId,
    repository: server.repository,
  });

const input = () => ({
  requestId: REQUEST,
  baseCommit: github.baseCommit,
  changes: [
    {
      path: "packages/plugins/greet/src/format.ts",
      content: 'export const greeting = () => "Hello there!";\n',
    },
    { path: "packages/plugins/greet/src/old.ts", content: null },
  ],
  title: "Greet more warmly",
  body: "Requested in Discord.",
  labels: ["self-edit"],
});

const calls = () =>
  github.requests.map(
    (request) => `${request.method} ${request.path.replace(/\/repos\/acme\/megawatts/, "")}`,
  );

describe("the GitHub App writer against the GitHub-protocol server", () => {
  it("opens a pull request through blobs, a tree on the base tree, a commit, a branch and labels", async () => {
    const pr = await writerFor(github).openPullRequest(input());

    expect(pr).toMatchObject({ number: 1, branch: `megawatts/${REQUEST}`, reused: false });
    expect(pr.url).toBe("https://github.com/acme/megawatts/pull/1");
    expect(calls()).toEqual([
      "POST /app/installations/7890/access_tokens",
      `GET /pulls`,
      "GET ",
      "GET /git/ref/heads/main",
      `GET /git/commits/${github.baseCommit}`,
      "POST /git/blobs",
      "POST /git/trees",
      `GET /git/ref/heads/megawatts/${REQUEST}`,
      "POST /git/commits",
      "POST /git/refs",
      "POST /pulls",
      "POST /issues/1/labels",
    ]);
    const tree = github.requests.find((request) => request.path.endsWith("/git/trees"))?.body as {
      base_tree: string;
    };
    expect(tree.base_tree).toBe(github.store.commits.get(github.baseCommit)?.tree);
    expect(github.store.commits.get(pr.commit)?.parents).toEqual([github.baseCommit]);
    expect(github.store.readFile(pr.commit, "packages/plugins/greet/src/format.ts")).toContain(
      "Hello there!",
    );
    expect(github.store.readFile(pr.commit, "packages/plugins/greet/src/old.ts")).toBeUndefined();
    expect(github.store.readFile(pr.commit, "README.md")).toBe("# bot\n");
    expect(github.store.pulls[0]).toMatchObject({
      head: `megawatts/${REQUEST}`,
      base: "main",
      labels: ["self-edit"],
    });
  });

  it("asks for an installation token scoped to the one repository with a verified App JWT", async () => {
    await writerFor(github).openPullRequest(input());

    const tokenRequest = github.requests[0];
    expect(tokenRequest?.body).toEqual({ repositories: ["megawatts"] });
    expect(tokenRequest?.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(github.requests[1]?.headers.authorization).toMatch(/^Bearer ghs_/);
  });

  it("opens nothing twice when a job is retried: the open pull request is found and returned", async () => {
    const first = await writerFor(github).openPullRequest(input());
    const before = github.requests.length;

    const retry = await writerFor(github).openPullRequest(input());

    expect(retry).toEqual({ ...first, reused: true });
    expect(github.store.pulls).toHaveLength(1);
    expect(calls().slice(before)).toEqual(["POST /app/installations/7890/access_tokens", "GET /pulls"]);
  });

  it("reuses a branch that already holds the same change when a retry failed before the pull request", async () => {
    const writer = writerFor(github);
    await writer.openPullRequest(input());
    github.store.pulls.length = 0; // as if the first attempt stopped after moving the branch
    const commitsBefore = github.store.commits.size;

    const retry = await writer.openPullRequest(input());

    expect(retry.reused).toBe(false);
    expect(github.store.commits.size).toBe(commitsBefore);
    expect(calls()).not.toContain(`PATCH /git/refs/heads/megawatts/${REQUEST}`);
    expect(github.store.pulls).toHaveLength(1);
  });

  it("fails with GitHub's answer when the change touches a workflow file", async () => {
    const change = { path: ".github/workflows/deploy.yml", content: "on: push\n" };

    await expect(writerFor(github).openPullRequest({ ...input(), changes: [change] })).rejects.toThrow(
      /403: refusing to allow a GitHub App to create or update workflow/,
    );
    expect(github.store.pulls).toHaveLength(0);
  });

  it("reads the default branch as a snapshot through the tree and blobs", async () => {
    const snapshot = await openGithubSnapshot(
      (await import("@megawatts/selfedit/github")).createGithubClient({
        apiUrl: github.apiUrl,
        appId: github.appId,
        privateKey: github.privateKey,
        installationId: github.installationId,
        repository: github.repository,
      }),
    );

    expect(snapshot.commit).toBe(github.baseCommit);
    expect(await snapshot.listFiles()).toEqual(Object.keys(FILES).sort());
    expect(await snapshot.readFile("README.md")).toBe("# bot\n");
    expect(await snapshot.readFile("missing.ts")).toBeUndefined();
  });

  it("labels a revert as one", async () => {
    const pr = await writerFor(github).revert({
      ...input(),
      requestId: "se_01JD3K8Z6Q9T0V4N2B7C5X1M8S",
      revertOf: REQUEST,
    });

    expect(github.store.pulls.find((pull) => pull.number === pr.number)?.labels).toEqual([
      "self-edit",
      "revert",
    ]);
  });
});

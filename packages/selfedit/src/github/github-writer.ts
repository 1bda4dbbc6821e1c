import {
  branchFor,
  type FileWrite,
  type PullRequestInput,
  type PullRequestRef,
  type RepositoryWriter,
} from "../writers/ports.ts";
import {
  createGithubClient,
  GithubApiError,
  type GithubAppConfig,
  type GithubClient,
} from "./github-client.ts";
import { defaultBranchHead, openGithubSnapshot } from "./github-snapshot.ts";

interface Pull {
  number: number;
  html_url: string;
  head: { ref: string; sha: string };
}

const toRef = (pull: Pull, reused: boolean): PullRequestRef => ({
  number: pull.number,
  url: pull.html_url,
  branch: pull.head.ref,
  commit: pull.head.sha,
  reused,
});

async function openPullFor(github: GithubClient, branch: string): Promise<Pull | undefined> {
  const head = encodeURIComponent(`${github.owner}:${branch}`);
  const pulls = await github.repoRequest<Pull[]>("GET", `/pulls?head=${head}&state=open&per_page=1`);
  return pulls[0];
}

async function createTree(github: GithubClient, baseCommit: string, changes: readonly FileWrite[]) {
  const { tree: baseTree } = await github.repoRequest<{ tree: { sha: string } }>(
    "GET",
    `/git/commits/${baseCommit}`,
  );
  const entries = [];
  for (const change of changes) {
    const sha =
      change.content === null
        ? null
        : (
            await github.repoRequest<{ sha: string }>("POST", "/git/blobs", {
              content: Buffer.from(change.content, "utf8").toString("base64"),
              encoding: "base64",
            })
          ).sha;
    entries.push({ path: change.path, mode: "100644", type: "blob", sha });
  }
  const tree = await github.repoRequest<{ sha: string }>("POST", "/git/trees", {
    base_tree: baseTree.sha,
    tree: entries,
  });
  return tree.sha;
}

async function existingRef(github: GithubClient, branch: string): Promise<string | undefined> {
  try {
    return (await github.repoRequest<{ object: { sha: string } }>("GET", `/git/ref/heads/${branch}`)).object
      .sha;
  } catch (error) {
    if (error instanceof GithubApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** The commit on the branch: the one already there when it holds this tree on this base, else a new one. */
async function commitOnBranch(github: GithubClient, input: PullRequestInput, branch: string, tree: string) {
  const current = await existingRef(github, branch);
  if (current) {
    const commit = await github.repoRequest<{ tree: { sha: string }; parents: { sha: string }[] }>(
      "GET",
      `/git/commits/${current}`,
    );
    if (commit.tree.sha === tree && commit.parents[0]?.sha === input.baseCommit) return current;
  }
  const message = `${input.title}\n\n${input.body}`;
  const created = await github.repoRequest<{ sha: string }>("POST", "/git/commits", {
    message,
    tree,
    parents: [input.baseCommit],
  });
  if (current)
    await github.repoRequest("PATCH", `/git/refs/heads/${branch}`, { sha: created.sha, force: true });
  else await github.repoRequest("POST", "/git/refs", { ref: `refs/heads/${branch}`, sha: created.sha });
  return created.sha;
}

async function open(github: GithubClient, input: PullRequestInput): Promise<PullRequestRef> {
  const branch = branchFor(input.requestId);
  const found = await openPullFor(github, branch);
  if (found) return toRef(found, true);
  const { branch: base } = await defaultBranchHead(github);
  const tree = await createTree(github, input.baseCommit, input.changes);
  await commitOnBranch(github, input, branch, tree);
  let pull: Pull;
  try {
    pull = await github.repoRequest<Pull>("POST", "/pulls", {
      title: input.title,
      head: branch,
      base,
      body: input.body,
    });
  } catch (error) {
    // Another attempt opened it between our look-up and now.
    const raced =
      error instanceof GithubApiError && error.status === 422 ? await openPullFor(github, branch) : undefined;
    if (!raced) throw error;
    return toRef(raced, true);
  }
  if (input.labels.length > 0)
    await github.repoRequest("POST", `/issues/${pull.number}/labels`, { labels: [...input.labels] });
  return toRef(pull, false);
}

/**
 * A repository writer on GitHub, as a GitHub App installation limited to one repository:
 * blobs → a tree on the base commit's tree → a commit on the base → the branch
 * `megawatts/<request id>` (created, reused when it already holds that tree on that base, or
 * moved) → the pull request, labelled. It looks for an open pull request of the branch first,
 * so a retried job never opens a second one.
 *
 * @example
 * const writer = createGithubWriter({ appId, privateKey, installationId, repository: "acme/bot" });
 * const pr = await writer.openPullRequest({ requestId, baseCommit, changes, title, body, labels: ["self-edit"] });
 */
export function createGithubWriter(config: GithubAppConfig | { client: GithubClient }): RepositoryWriter {
  const github = "client" in config ? config.client : createGithubClient(config);
  return {
    repository: `${github.owner}/${github.repo}`,
    snapshot: (commit) => openGithubSnapshot(github, commit),
    openPullRequest: (input) => open(github, input),
    revert: (input) => open(github, { ...input, labels: [...new Set([...input.labels, "revert"])] }),
  };
}

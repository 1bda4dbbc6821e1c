// The repository routes of the GitHub test server, answering with trimmed real payloads.
import type { GitObjectStore, TreeFile } from "./github-server-store.ts";
import { fixture, ProtocolReplyError, type RecordedRequest, type Reply } from "./protocol-server.ts";

export interface RepoContext {
  store: GitObjectStore;
  owner: string;
  repo: string;
  defaultBranch: string;
  apiUrl: string;
}

type Json = Record<string, unknown>;

const notFound = (): never => {
  throw new ProtocolReplyError({ status: 404, body: fixture("github/error-not-found.json") });
};
const unprocessable = (message: string): never => {
  const body = fixture<Json>("github/error-validation-failed.json");
  throw new ProtocolReplyError({
    status: 422,
    body: { ...body, message, errors: [{ resource: "Git", code: "custom", message }] },
  });
};

function commitBody(ctx: RepoContext, sha: string) {
  const commit = ctx.store.commits.get(sha) ?? notFound();
  const url = `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}/git/commits/${sha}`;
  return {
    sha,
    node_id: `C_${sha.slice(0, 12)}`,
    url,
    message: commit.message,
    tree: { sha: commit.tree, url: `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}/git/trees/${commit.tree}` },
    parents: commit.parents.map((parent) => ({ sha: parent, url })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null },
  };
}

function refBody(ctx: RepoContext, name: string) {
  const sha = ctx.store.refs.get(name) ?? notFound();
  return { ref: `refs/${name}`, node_id: `REF_${name}`, object: { sha, type: "commit" } };
}

export function pullBody(ctx: RepoContext, number: number) {
  const pull = ctx.store.pulls.find((candidate) => candidate.number === number) ?? notFound();
  const shape = fixture<Json>("github/pull-request.json");
  const headSha = ctx.store.refs.get(`heads/${pull.head}`) ?? "";
  const baseSha = ctx.store.refs.get(`heads/${pull.base}`) ?? "";
  return {
    ...shape,
    url: `${ctx.apiUrl}/repos/${ctx.owner}/${ctx.repo}/pulls/${number}`,
    html_url: `https://github.com/${ctx.owner}/${ctx.repo}/pull/${number}`,
    number,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    labels: pull.labels.map((name) => ({ ...fixture<Json>("github/label.json"), name })),
    head: { label: `${ctx.owner}:${pull.head}`, ref: pull.head, sha: headSha },
    base: { label: `${ctx.owner}:${pull.base}`, ref: pull.base, sha: baseSha },
  };
}

function createTree(ctx: RepoContext, body: Json): Reply {
  const base =
    typeof body.base_tree === "string" ? ctx.store.trees.get(body.base_tree) : new Map<string, TreeFile>();
  if (!base) return unprocessable("base_tree is not a valid tree");
  const files = new Map(base);
  for (const entry of (body.tree as Json[] | undefined) ?? []) {
    const path = String(entry.path);
    if (entry.sha === null) files.delete(path);
    else if (typeof entry.sha === "string" && ctx.store.blobs.has(entry.sha))
      files.set(path, { mode: String(entry.mode ?? "100644"), sha: entry.sha });
    else return unprocessable(`tree.sha ${String(entry.sha)} is not a valid blob`);
  }
  const sha = ctx.store.putTree(files);
  const tree = [...files].map(([path, file]) => ({ path, mode: file.mode, type: "blob", sha: file.sha }));
  return { status: 201, body: { sha, tree, truncated: false } };
}

/** A GitHub App without the `workflows` permission may not move a branch onto workflow changes. */
function checkWorkflows(ctx: RepoContext, from: string | undefined, to: string) {
  const workflow = ctx.store.changedPaths(from, to).find((path) => path.startsWith(".github/workflows/"));
  if (workflow)
    throw new ProtocolReplyError({
      status: 403,
      body: {
        message: `refusing to allow a GitHub App to create or update workflow \`${workflow}\` without \`workflows\` permission`,
      },
    });
}

function setRef(ctx: RepoContext, name: string, sha: string, create: boolean): Reply {
  if (!ctx.store.commits.has(sha)) return unprocessable("Object does not exist");
  const current = ctx.store.refs.get(name);
  if (create && current) return unprocessable("Reference already exists");
  if (!create && !current) return notFound();
  checkWorkflows(ctx, ctx.store.commits.get(sha)?.parents[0], sha);
  ctx.store.refs.set(name, sha);
  return { status: create ? 201 : 200, body: refBody(ctx, name) };
}

/** Git data routes: blobs, trees, commits and refs. */
export function gitRoute(ctx: RepoContext, request: RecordedRequest, rest: string): Reply | undefined {
  const body = (request.body ?? {}) as Json;
  const { method } = request;
  const [, kind, ...parts] = rest.split("/");
  const id = parts.join("/");
  if (kind === "blobs" && method === "POST") {
    const bytes = Buffer.from(String(body.content ?? ""), body.encoding === "base64" ? "base64" : "utf8");
    return { status: 201, body: { sha: ctx.store.putBlob(bytes), url: `${ctx.apiUrl}/blobs` } };
  }
  if (kind === "blobs" && method === "GET") {
    const bytes = ctx.store.blobs.get(id) ?? notFound();
    const content = (bytes.toString("base64").match(/.{1,60}/g) ?? []).join("\n");
    return {
      status: 200,
      body: { sha: id, node_id: `B_${id}`, size: bytes.length, content, encoding: "base64" },
    };
  }
  if (kind === "trees" && method === "POST") return createTree(ctx, body);
  if (kind === "trees" && method === "GET") {
    const files = ctx.store.trees.get(id) ?? notFound();
    const tree = [...files].map(([path, file]) => ({ path, mode: file.mode, type: "blob", sha: file.sha }));
    return { status: 200, body: { sha: id, tree, truncated: false } };
  }
  if (kind === "commits" && method === "POST") {
    const sha = ctx.store.putCommit({
      tree: String(body.tree),
      parents: (body.parents as string[] | undefined) ?? [],
      message: String(body.message ?? ""),
    });
    return { status: 201, body: commitBody(ctx, sha) };
  }
  if (kind === "commits" && method === "GET") return { status: 200, body: commitBody(ctx, id) };
  if (kind === "ref" && method === "GET") return { status: 200, body: refBody(ctx, id) };
  if (kind === "refs" && method === "POST")
    return setRef(ctx, String(body.ref).replace(/^refs\//, ""), String(body.sha), true);
  if (kind === "refs" && method === "PATCH") return setRef(ctx, id, String(body.sha), false);
  return undefined;
}

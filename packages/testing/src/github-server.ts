import { createVerify, generateKeyPairSync, randomBytes } from "node:crypto";
import { pullsRoute } from "./github-server-pulls.ts";
import { gitRoute, type RepoContext } from "./github-server-routes.ts";
import { GitObjectStore, type GitObjectStore as Store } from "./github-server-store.ts";
import { fixture, ProtocolReplyError, type RecordedRequest, startProtocolServer } from "./protocol-server.ts";

export type { StoredPull } from "./github-server-store.ts";
export { GitObjectStore } from "./github-server-store.ts";

export interface GithubTestServerOptions {
  /** `owner/name` (default `acme/megawatts`). */
  repository?: string;
  defaultBranch?: string;
  /** The files of the first commit of the default branch. */
  files: Readonly<Record<string, string>>;
}

export interface GithubTestServer {
  /** Give it to the adapter as `apiUrl`. */
  apiUrl: string;
  appId: string;
  installationId: string;
  repository: string;
  /** PKCS#1 PEM, as GitHub hands App keys out. */
  privateKey: string;
  /** The first commit of the default branch. */
  baseCommit: string;
  store: Store;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
const unauthorized = (): never => {
  throw new ProtocolReplyError({ status: 401, body: fixture("github/error-bad-credentials.json") });
};

let keys: { privateKey: string; publicKey: string } | undefined;
/** One App key pair per process: generating RSA keys takes a noticeable moment. */
function appKeys() {
  keys ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return keys;
}

function verifyJwt(token: string, publicKey: string, appId: string): void {
  const [header = "", payload = "", signature = ""] = token.split(".");
  const valid = createVerify("RSA-SHA256")
    .update(`${header}.${payload}`)
    .verify(publicKey, signature, "base64url");
  const claims = valid ? (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Json) : {};
  const now = Math.floor(Date.now() / 1000);
  if (!valid || claims.iss !== appId || Number(claims.exp) < now || Number(claims.iat) > now + 60)
    unauthorized();
}

/**
 * Starts a server speaking the parts of GitHub's REST API a GitHub App adapter calls, with a
 * generated App key: installation tokens (JWT verified, scoped to the one repository), the
 * repository, git blobs, trees, commits and refs, pull requests (list, create) and labels. It
 * refuses workflow changes, as GitHub does for an App without the `workflows` permission.
 *
 * @example
 * const github = await startGithubTestServer({ files: { "README.md": "# bot\n" } });
 * const writer = createGithubWriter({ apiUrl: github.apiUrl, appId: github.appId,
 *   privateKey: github.privateKey, installationId: github.installationId, repository: github.repository });
 */
export async function startGithubTestServer(options: GithubTestServerOptions): Promise<GithubTestServer> {
  const repository = options.repository ?? "acme/megawatts";
  const [owner = "", repo = ""] = repository.split("/");
  const defaultBranch = options.defaultBranch ?? "main";
  const appId = "123456";
  const installationId = "7890";
  const { privateKey, publicKey } = appKeys();
  const store = new GitObjectStore();
  const baseCommit = store.seed(defaultBranch, options.files);
  const tokens = new Set<string>();
  const ctx: RepoContext = { store, owner, repo, defaultBranch, apiUrl: "" };
  const server = await startProtocolServer((request) => {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
    if (request.path === `/app/installations/${installationId}/access_tokens` && request.method === "POST") {
      verifyJwt(bearer, publicKey, appId);
      const token = `ghs_${randomBytes(18).toString("hex")}`;
      tokens.add(token);
      const shape = fixture<Json>("github/installation-token.json");
      const expires = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
      return {
        status: 201,
        body: { ...shape, token, expires_at: expires, repositories: [{ name: repo, full_name: repository }] },
      };
    }
    const prefix = `/repos/${owner}/${repo}`;
    if (!request.path.startsWith(prefix))
      return { status: 404, body: fixture("github/error-not-found.json") };
    if (!tokens.has(bearer)) unauthorized();
    const rest = request.path.slice(prefix.length);
    if (rest === "" && request.method === "GET") {
      const shape = fixture<Json>("github/repository.json");
      return {
        status: 200,
        body: { ...shape, name: repo, full_name: repository, default_branch: defaultBranch },
      };
    }
    const reply = rest.startsWith("/git/")
      ? gitRoute(ctx, request, rest.slice(4))
      : pullsRoute(ctx, request, rest);
    return reply ?? { status: 404, body: fixture("github/error-not-found.json") };
  });
  ctx.apiUrl = server.url;
  return {
    apiUrl: server.url,
    appId,
    installationId,
    repository,
    privateKey,
    baseCommit,
    store,
    requests: server.requests,
    close: server.close,
  };
}

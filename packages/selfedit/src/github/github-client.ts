import { appJwt, parseAppPrivateKey } from "./app-jwt.ts";

/** What a GitHub App needs to act on one repository. */
export interface GithubAppConfig {
  appId: string;
  /** The App's PEM private key. */
  privateKey: string;
  installationId: string;
  /** `owner/name`. */
  repository: string;
  /** Default `https://api.github.com`; a test server in tests. */
  apiUrl?: string;
  fetch?: typeof fetch;
  clock?: { now(): number };
}

/** A GitHub REST call failed; `status` and GitHub's own message are kept. */
export class GithubApiError extends Error {
  override name = "GithubApiError";
  constructor(
    readonly status: number,
    readonly route: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`GitHub ${route} answered ${status}: ${message}`, options);
  }
}

/** Calls GitHub's REST API as the App's installation, on one repository. */
export interface GithubClient {
  readonly owner: string;
  readonly repo: string;
  /** `path` below the API root, e.g. `/repos/o/r/git/blobs`. */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** The same, below `/repos/{owner}/{repo}`. */
  repoRequest<T>(method: string, path: string, body?: unknown): Promise<T>;
}

const HEADERS = {
  accept: "application/vnd.github+json",
  "x-github-api-version": "2022-11-28",
  "user-agent": "megawatts-self-edit",
};

/**
 * A GitHub REST client for one repository, authenticated as the App's installation: a JWT
 * signed with the App key buys an installation token scoped to that one repository, which is
 * cached until five minutes before it expires. Plain `fetch`, no SDK.
 *
 * @example
 * const github = createGithubClient({ appId, privateKey, installationId, repository: "acme/bot" });
 * const repo = await github.repoRequest<{ default_branch: string }>("GET", "");
 */
export function createGithubClient(config: GithubAppConfig): GithubClient {
  const [owner = "", repo = ""] = config.repository.split("/");
  if (!owner || !repo) throw new Error(`GitHub repository must be "owner/name", got "${config.repository}"`);
  const apiUrl = (config.apiUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const doFetch = config.fetch ?? fetch;
  const clock = config.clock ?? Date;
  const key = parseAppPrivateKey(config.privateKey);
  let token: { value: string; expiresAt: number } | undefined;

  const call = async <T>(method: string, path: string, auth: string, body?: unknown): Promise<T> => {
    const response = await doFetch(`${apiUrl}${path}`, {
      method,
      headers: {
        ...HEADERS,
        authorization: `Bearer ${auth}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const message = (parsed as { message?: string } | undefined)?.message ?? response.statusText;
      throw new GithubApiError(response.status, `${method} ${path.split("?")[0]}`, message);
    }
    return parsed as T;
  };

  const installationToken = async () => {
    if (token && token.expiresAt - clock.now() > 5 * 60_000) return token.value;
    const jwt = appJwt(config.appId, key, clock.now());
    const issued = await call<{ token: string; expires_at: string }>(
      "POST",
      `/app/installations/${encodeURIComponent(config.installationId)}/access_tokens`,
      jwt,
      { repositories: [repo] },
    );
    token = { value: issued.token, expiresAt: Date.parse(issued.expires_at) };
    return token.value;
  };

  const request = async <T>(method: string, path: string, body?: unknown) =>
    call<T>(method, path, await installationToken(), body);
  return {
    owner,
    repo,
    request,
    repoRequest: (method, path, body) => request(method, `/repos/${owner}/${repo}${path}`, body),
  };
}

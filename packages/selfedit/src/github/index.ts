export { appJwt, parseAppPrivateKey } from "./app-jwt.ts";
export {
  createGithubClient,
  GithubApiError,
  type GithubAppConfig,
  type GithubClient,
} from "./github-client.ts";
export { defaultBranchHead, openGithubSnapshot } from "./github-snapshot.ts";
export { createGithubWriter } from "./github-writer.ts";

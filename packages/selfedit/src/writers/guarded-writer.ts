import type { Breakers } from "@megawatts/core";
import type { RepositoryWriter } from "./ports.ts";

/**
 * A repository writer behind the container's `github` breaker: while GitHub fails, self-edit
 * jobs fail fast (and are retried later) instead of each waiting out its own timeouts.
 *
 * @example
 * const writer = guardedWriter(createGithubWriter(app), breakers);
 */
export function guardedWriter(writer: RepositoryWriter, breakers: Breakers): RepositoryWriter {
  return {
    repository: writer.repository,
    snapshot: (commit) => breakers.run("github", () => writer.snapshot(commit)),
    openPullRequest: (input) => breakers.run("github", () => writer.openPullRequest(input)),
    revert: (input) => breakers.run("github", () => writer.revert(input)),
  };
}

import { spawn } from "node:child_process";
import { RepositoryWriteError } from "./ports.ts";

export interface GitRun {
  /** Extra environment, e.g. `GIT_INDEX_FILE` for a temporary index. */
  env?: Record<string, string>;
  /** Written to git's standard input. */
  input?: string;
}

/**
 * Runs one git command in `dir` and resolves its trimmed standard output. Git's own config
 * for hooks and signing is switched off, so the result does not depend on the machine.
 */
export function gitRun(dir: string, args: readonly string[], run: GitRun = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "git",
      ["-C", dir, "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", ...args],
      {
        env: { ...process.env, ...run.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", (error) =>
      reject(new RepositoryWriteError(`git ${args[0]} could not start`, { cause: error })),
    );
    child.on("close", (code) => {
      if (code === 0) resolve(stdout.trim());
      else
        reject(
          new RepositoryWriteError(`git ${args[0]} failed in ${dir}: ${stderr.trim() || `exit ${code}`}`),
        );
    });
    if (child.stdin) {
      // A git that exits before reading all of its input must not fail the call on EPIPE.
      child.stdin.on("error", () => {});
      child.stdin.end(run.input);
    }
  });
}

/** The commit a ref names, or undefined when it does not exist. */
export async function resolveRef(dir: string, ref: string): Promise<string | undefined> {
  try {
    return (await gitRun(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])) || undefined;
  } catch {
    return undefined;
  }
}

import { execFile, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";

// Node prints the offending source line of an uncaught error; in a minified bundle that line
// is the whole bundle. Keep the message and stack.
function tidy(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => line.length <= 400 && line.trim() !== "" && !/^\s*\^+\s*$/.test(line))
    .slice(-12)
    .join("\n");
}

/** Runs a fresh `node` with the given arguments and environment; resolves with its stdout. */
export function runNode(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...args], { env, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`a fresh node process failed:\n${tidy(stderr) || error.message}`, { cause: error }));
      else resolve(stdout);
    });
  });
}

/**
 * Runs a fresh `node` whose stdout goes to `stdoutFile`, as a Lambda's log lines go to its
 * runtime: written in full on each call, never held up by a reader that falls behind.
 */
export function runNodeLogging(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdoutFile: string,
  timeoutMs = 30_000,
): Promise<void> {
  const out = openSync(stdoutFile, "w");
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...args], {
      env,
      timeout: timeoutMs,
      stdio: ["ignore", out, "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`a fresh node process failed:\n${tidy(stderr) || `exit ${code ?? signal}`}`));
    });
  }).finally(() => closeSync(out));
}

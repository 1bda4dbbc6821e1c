import { execFile } from "node:child_process";

// Node prints the offending source line of an uncaught error; in a minified bundle that line
// is the whole bundle. Keep the message and stack.
function tidy(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => line.length <= 400 && line.trim() !== "" && !/^\s*\^+\s*$/.test(line))
    .slice(-12)
    .join("\n");
}

// Room for a child that logs a line per call (the shipped ingress does), so its output is drained as Lambda drains it.
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Runs a fresh `node` with the given arguments and environment; resolves with its stdout. */
export function runNode(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...args],
      { env, timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(`a fresh node process failed:\n${tidy(stderr) || error.message}`, { cause: error }),
          );
        else resolve(stdout);
      },
    );
  });
}

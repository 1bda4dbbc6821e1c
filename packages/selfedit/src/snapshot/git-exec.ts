import { execFile, spawn } from "node:child_process";
import { SnapshotError } from "../errors.ts";

/**
 * Runs git in `dir` and returns its standard output; a failure becomes a `SnapshotError` that
 * quotes git's message.
 */
export function git(dir: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", ["-C", dir, ...args], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = stderr.trim() || error.message;
        reject(new SnapshotError(`git ${args[0]} failed in ${dir}: ${detail}`, { cause: error }));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** Reads many blobs with one `git cat-file --batch` process; returns their texts by object id. */
export function readBlobs(dir: string, ids: readonly string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-C", dir, "cat-file", "--batch"], { stdio: ["pipe", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (error) =>
      reject(new SnapshotError(`git cat-file failed in ${dir}`, { cause: error })),
    );
    child.on("close", (code) => {
      if (code !== 0)
        return reject(new SnapshotError(`git cat-file exited ${code} in ${dir}: ${stderr.trim()}`));
      try {
        resolve(parseBatch(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(`${ids.join("\n")}\n`);
  });
}

/** Parses `<id> <type> <size>\n<content>\n` records. */
function parseBatch(output: Buffer): Map<string, string> {
  const texts = new Map<string, string>();
  let offset = 0;
  while (offset < output.length) {
    const headerEnd = output.indexOf(10, offset);
    const header = output.subarray(offset, headerEnd).toString();
    const [id = "", type, size] = header.split(" ");
    if (type === undefined || size === undefined)
      throw new SnapshotError(`git cat-file could not read ${id}: ${header}`);
    const start = headerEnd + 1;
    const end = start + Number(size);
    texts.set(id, output.subarray(start, end).toString("utf8"));
    offset = end + 1;
  }
  return texts;
}

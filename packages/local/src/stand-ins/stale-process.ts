import { readFile, rm, writeFile } from "node:fs/promises";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function commandLine(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, "utf8")).replaceAll("\0", " ");
  } catch {
    return ""; // gone, or no /proc on this system: then nothing is stopped
  }
}

/**
 * Stops a process left behind by an earlier run that was killed too hard to clean up (its
 * pid is in `pidFile`), but only if its command line still contains `marker`, so a reused
 * pid is never touched.
 *
 * @example
 * await stopStaleProcess(".data/dynamodb/server.pid", "DynamoDBLocal.jar");
 */
export async function stopStaleProcess(pidFile: string, marker: string): Promise<void> {
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !(await commandLine(pid)).includes(marker)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 5_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive(pid)) process.kill(pid, "SIGKILL");
  await rm(pidFile, { force: true });
}

/**
 * Records a child's pid so a later run can find it with {@link stopStaleProcess}.
 *
 * @example
 * await writePidFile(".data/dynamodb/server.pid", child.pid);
 */
export async function writePidFile(pidFile: string, pid: number | undefined): Promise<void> {
  if (pid !== undefined) await writeFile(pidFile, `${pid}\n`);
}

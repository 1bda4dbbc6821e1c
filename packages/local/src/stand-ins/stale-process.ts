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

/** Raised when a live local bot still owns the process recorded in a pid file. */
export class ProcessInUseError extends Error {
  override name = "ProcessInUseError";
}

async function parentOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Fields after the parenthesised command name: state, then the parent pid.
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? 0);
}

/**
 * Stops a process left behind by an earlier run that was killed too hard to clean up (its
 * pid is in `pidFile`), but only if its command line still contains `marker`, so a reused
 * pid is never touched, and only if the Node process that started it is gone; while that
 * one lives, it throws {@link ProcessInUseError} instead.
 *
 * @example
 * await stopStaleProcess(".data/dynamodb/server.pid", "DynamoDBLocal.jar");
 */
export async function stopStaleProcess(pidFile: string, marker: string): Promise<void> {
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).trim());
  if (!Number.isInteger(pid) || pid <= 0 || !(await commandLine(pid)).includes(marker)) return;
  const parent = await parentOf(pid);
  if (parent > 1 && (await commandLine(parent)).includes("node"))
    throw new ProcessInUseError(
      `process ${pid} (${marker}) still belongs to a running local bot (pid ${parent})`,
    );
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

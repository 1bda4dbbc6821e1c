import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { StandInEndpoints } from "../clients.ts";
import type { Provisioned } from "./provision.ts";

/** What a running local bot tells other local tools (the privacy CLI) about its stand-ins. */
export interface RunningStandIns {
  /** The local bot's process id; the file is stale once that process is gone. */
  pid: number;
  endpoints: StandInEndpoints;
  resources: Provisioned;
}

/** The file, inside the data dir, that exists while a local bot runs on that data dir. */
export const RUNNING_STAND_INS_FILE = "stand-ins.json";

const queue = z.object({ url: z.string(), arn: z.string() });
const RunningSchema = z.object({
  pid: z.number().int().positive(),
  endpoints: z.object({
    dynamodb: z.string(),
    sqs: z.string(),
    s3: z.string(),
    kms: z.object({ endpoint: z.string(), keyArn: z.string() }),
    upstash: z.object({ url: z.string(), token: z.string() }).optional(),
  }),
  resources: z.object({
    tableName: z.string(),
    keyTableName: z.string(),
    bucketName: z.string(),
    jobsQueue: queue,
    jobsDeadLetterQueue: queue,
    tasksQueue: queue,
    tasksDeadLetterQueue: queue,
    selfEditQueue: queue,
    selfEditDeadLetterQueue: queue,
  }),
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Records this process's stand-ins in `<dataDir>/stand-ins.json` (mode 0600: it holds the
 * local bridge's token) and returns what removes it again, if it is still this process's.
 *
 * @example
 * const remove = await writeRunningStandIns(".data", { pid: process.pid, endpoints, resources });
 * await remove(); // on stop
 */
export async function writeRunningStandIns(dataDir: string, running: RunningStandIns) {
  const file = join(dataDir, RUNNING_STAND_INS_FILE);
  await writeFile(file, `${JSON.stringify(running, null, 2)}\n`, { mode: 0o600 });
  return async () => {
    const current = await readRunningStandIns(dataDir, { evenIfStale: true });
    if (current?.pid === running.pid) await rm(file, { force: true });
  };
}

/**
 * The stand-ins of the local bot running on `dataDir`, or `undefined` when none runs there
 * (no file, an unreadable one, or one left by a process that is gone).
 *
 * @example
 * const running = await readRunningStandIns(".data");
 * if (running) createLocalClients(running.endpoints);
 */
export async function readRunningStandIns(
  dataDir: string,
  options: { evenIfStale?: boolean } = {},
): Promise<RunningStandIns | undefined> {
  const text = await readFile(join(dataDir, RUNNING_STAND_INS_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  let parsed: ReturnType<typeof RunningSchema.safeParse>;
  try {
    parsed = RunningSchema.safeParse(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  if (!options.evenIfStale && !alive(parsed.data.pid)) return undefined;
  return parsed.data as RunningStandIns;
}

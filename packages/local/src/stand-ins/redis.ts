import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { stopChild, trackChild } from "./child-processes.ts";
import { freePort } from "./free-port.ts";

/** Raised when `redis-server` is installed but does not come up; carries the end of its log. */
export class RedisStartError extends Error {
  override name = "RedisStartError";
}

export interface LocalRedisOptions {
  /** Redis's working directory becomes `<dataDir>/redis` (nothing is persisted: it is a cache). */
  dataDir?: string;
  port?: number;
  /** The executable, by name on PATH or by path (default `redis-server`). */
  binary?: string;
  startTimeoutMs?: number;
}

export interface LocalRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The path of an executable `redis-server` (or `binary`), or `undefined` when there is none.
 *
 * @example
 * if (!(await findRedisServer())) console.log("no Redis: using the in-memory cache");
 */
export async function findRedisServer(binary = "redis-server"): Promise<string | undefined> {
  const candidates = binary.includes("/")
    ? [binary]
    : (process.env.PATH ?? "").split(delimiter).flatMap((dir) => (dir ? [join(dir, binary)] : []));
  for (const candidate of candidates) {
    const found = await access(candidate, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return candidate;
  }
  return undefined;
}

function launch(binary: string, port: number, dir: string, timeoutMs: number): Promise<LocalRedis> {
  // No RDB snapshots and no AOF: the hot tier holds only what may be lost.
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  args.push("--dir", dir, "--daemonize", "no", "--logfile", "");
  const child = trackChild(spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] }));
  let log = "";
  let settled = false;
  return new Promise((done, fail) => {
    const failWith = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopChild(child).then(() => fail(new RedisStartError(`${message}\n${log}`)));
    };
    const timer = setTimeout(() => failWith(`redis-server did not start within ${timeoutMs} ms`), timeoutMs);
    // Keeps draining both pipes for the child's whole life, so it never blocks on a full pipe.
    const onOutput = (chunk: Buffer) => {
      log = (log + chunk.toString("utf8")).slice(-4_000);
      if (settled || !log.includes("Ready to accept connections")) return;
      settled = true;
      clearTimeout(timer);
      done({ url: `redis://127.0.0.1:${port}`, port, close: () => stopChild(child) });
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    child.once("error", (error) => failWith(`redis-server could not be run: ${error.message}`));
    child.once("exit", (code) => failWith(`redis-server exited with code ${code}`));
  });
}

/**
 * Starts `redis-server` as a child process on a free loopback port with persistence off, and
 * resolves once it accepts connections; resolves `undefined` when Redis is not installed, so
 * the caller can fall back to the in-memory cache.
 *
 * @example
 * const redis = await startRedis({ dataDir: ".data" });
 * if (redis) console.log(redis.url); // redis://127.0.0.1:41234
 * await redis?.close();
 */
export async function startRedis(options: LocalRedisOptions = {}): Promise<LocalRedis | undefined> {
  const binary = await findRedisServer(options.binary);
  if (!binary) return undefined;
  const dir = options.dataDir ? resolve(options.dataDir, "redis") : tmpdir();
  await mkdir(dir, { recursive: true });
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  // A free port can be taken between the probe and the bind: try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(binary, options.port ?? (await freePort()), dir, timeoutMs);
    } catch (error) {
      const portTaken = error instanceof RedisStartError && error.message.includes("already in use");
      if (!portTaken || options.port !== undefined || attempt >= 3) throw error;
    }
  }
}

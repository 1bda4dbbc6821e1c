import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StandInEndpoints } from "../clients.ts";
import { startDynamoDbLocal } from "./dynamodb.ts";
import { startLocalKms } from "./kms.ts";
import { startRedis } from "./redis.ts";
import { startLocalS3 } from "./s3.ts";
import { startLocalSqs } from "./sqs.ts";
import { startUpstashBridge } from "./upstash-bridge.ts";

export interface StandIns {
  endpoints: StandInEndpoints;
  /** Names of stand-ins that have stopped on their own (DynamoDB Local is a separate process). */
  stopped(): string[];
  close(): Promise<void>;
}

export interface StandInsOptions {
  /**
   * Keep DynamoDB, S3 and the KMS master key under this directory; omitted, DynamoDB and the
   * key are in memory and S3 uses a temporary directory.
   */
  dataDir?: string;
  /** Start redis-server and the Upstash bridge when Redis is installed (default true). */
  redis?: boolean;
}

/** Raised when one stand-in cannot start; the message names it, the cause says why. */
export class StandInStartError extends Error {
  override name = "StandInStartError";
  constructor(
    readonly standIn: string,
    cause: unknown,
  ) {
    super(`${standIn} could not start: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Names the stand-in in whatever its start throws. */
function named<T>(standIn: string, starting: Promise<T>): Promise<T> {
  return starting.catch((error: unknown) => {
    throw error instanceof StandInStartError ? error : new StandInStartError(standIn, error);
  });
}

interface Running {
  close(): Promise<void>;
}

/** redis-server with the Upstash REST bridge in front, or undefined when Redis is not installed. */
async function startHotTier(dataDir: string | undefined) {
  const redis = await named("redis-server", startRedis(dataDir ? { dataDir } : {}));
  if (!redis) return undefined;
  try {
    const bridge = await named(
      "the Upstash bridge",
      startUpstashBridge({ redisUrl: redis.url, token: randomBytes(16).toString("hex") }),
    );
    // The bridge holds a connection to Redis, so it stops first.
    const close = async () => {
      await bridge.close();
      await redis.close();
    };
    return { bridge, close };
  } catch (error) {
    await redis.close();
    throw error;
  }
}

/**
 * Starts every stand-in at once: DynamoDB Local, fauxqs (SQS), s3rver (S3), the local KMS
 * and, when installed, redis-server behind the Upstash bridge, each resolved only once it
 * really serves. If one fails, the others are stopped and a `StandInStartError` naming it is
 * thrown.
 *
 * @example
 * const standIns = await startStandIns({ dataDir: ".data" });
 * console.log(standIns.endpoints.dynamodb, standIns.endpoints.upstash?.url);
 * await standIns.close();
 */
export async function startStandIns(options: StandInsOptions = {}): Promise<StandIns> {
  const { dataDir } = options;
  const s3Directory = dataDir ? join(dataDir, "s3") : await mkdtemp(join(tmpdir(), "megawatts-s3-"));
  const started = await Promise.allSettled([
    named("DynamoDB Local", startDynamoDbLocal(dataDir ? { dataDir } : {})),
    named("the SQS stand-in (fauxqs)", startLocalSqs()),
    named("the S3 stand-in (s3rver)", startLocalS3({ directory: s3Directory, removeOnClose: !dataDir })),
    named("the local KMS", startLocalKms(dataDir ? { dataDir } : {})),
    options.redis === false ? Promise.resolve(undefined) : startHotTier(dataDir),
  ] as const);
  const running = started.flatMap((result) =>
    result.status === "fulfilled" && result.value ? [result.value as Running] : [],
  );
  const close = async () => {
    await Promise.allSettled(running.map((standIn) => standIn.close()));
  };
  const [dynamodb, sqs, s3, kms, hot] = started;
  if (
    dynamodb.status !== "fulfilled" ||
    sqs.status !== "fulfilled" ||
    s3.status !== "fulfilled" ||
    kms.status !== "fulfilled" ||
    hot.status !== "fulfilled"
  ) {
    await close();
    const failure = started.find((result) => result.status === "rejected");
    throw failure?.reason ?? new Error("a local stand-in failed to start");
  }
  const upstash = hot.value && { url: hot.value.bridge.url, token: hot.value.bridge.token };
  return {
    endpoints: {
      dynamodb: dynamodb.value.endpoint,
      sqs: sqs.value.endpoint,
      s3: s3.value.endpoint,
      kms: { endpoint: kms.value.endpoint, keyArn: kms.value.keyArn },
      ...(upstash ? { upstash } : {}),
    },
    stopped: () => (dynamodb.value.running ? [] : ["dynamodb"]),
    close,
  };
}

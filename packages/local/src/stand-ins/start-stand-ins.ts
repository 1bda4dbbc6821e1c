import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StandInEndpoints } from "../clients.ts";
import { startDynamoDbLocal } from "./dynamodb.ts";
import { startLocalS3 } from "./s3.ts";
import { startLocalSqs } from "./sqs.ts";

export interface StandIns {
  endpoints: StandInEndpoints;
  /** Names of stand-ins that have stopped on their own (DynamoDB Local is a separate process). */
  stopped(): string[];
  close(): Promise<void>;
}

export interface StandInsOptions {
  /** Keep DynamoDB and S3 data under this directory; omitted, DynamoDB is in memory and S3 uses a temporary directory. */
  dataDir?: string;
}

/**
 * Starts DynamoDB Local, fauxqs (SQS) and s3rver (S3) at once; if one fails, the others are
 * stopped before the error is thrown.
 *
 * @example
 * const standIns = await startStandIns({ dataDir: ".data" });
 * console.log(standIns.endpoints.dynamodb);
 * await standIns.close();
 */
export async function startStandIns(options: StandInsOptions = {}): Promise<StandIns> {
  const s3Directory = options.dataDir
    ? join(options.dataDir, "s3")
    : await mkdtemp(join(tmpdir(), "megawatts-s3-"));
  const started = await Promise.allSettled([
    startDynamoDbLocal(options.dataDir ? { dataDir: options.dataDir } : {}),
    startLocalSqs(),
    startLocalS3({ directory: s3Directory, removeOnClose: !options.dataDir }),
  ]);
  const running = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const close = async () => {
    await Promise.allSettled(running.map((standIn) => standIn.close()));
  };
  const [dynamodb, sqs, s3] = started;
  if (dynamodb?.status !== "fulfilled" || sqs?.status !== "fulfilled" || s3?.status !== "fulfilled") {
    await close();
    const failure = started.find((result) => result.status === "rejected");
    throw failure?.reason ?? new Error("a local stand-in failed to start");
  }
  return {
    endpoints: { dynamodb: dynamodb.value.endpoint, sqs: sqs.value.endpoint, s3: s3.value.endpoint },
    stopped: () => (dynamodb.value.running ? [] : ["dynamodb"]),
    close,
  };
}

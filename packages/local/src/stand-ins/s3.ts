import { mkdir, rm } from "node:fs/promises";
import S3rver from "s3rver";

export interface LocalS3Options {
  /** Where objects are stored as files. */
  directory: string;
  /** Default 0: any free port. */
  port?: number;
  /** Delete the directory on close (for throw-away test data). */
  removeOnClose?: boolean;
}

export interface LocalS3 {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/** The access key pair s3rver accepts; clients must also use path-style addressing. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

/**
 * Starts s3rver in this process, storing objects as files under `directory`, on 127.0.0.1.
 * Clients need `forcePathStyle: true` and {@link S3RVER_CREDENTIALS}.
 *
 * @example
 * const s3 = await startLocalS3({ directory: ".data/s3" });
 * const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS, region: "us-east-1" });
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  await mkdir(options.directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      await server.close();
      if (options.removeOnClose) await rm(options.directory, { recursive: true, force: true });
    },
  };
}

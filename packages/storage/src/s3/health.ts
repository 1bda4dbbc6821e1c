import { HeadBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import type { HealthCheck } from "@megawatts/core";

/**
 * Probes a bucket with `HeadBucket`, which proves it exists and is reachable with these
 * credentials without listing anything.
 *
 * @example
 * const check = s3BucketHealthCheck(new S3Client({}), Resource.Bucket.name);
 * await check.check(AbortSignal.timeout(2000));
 */
export function s3BucketHealthCheck(client: S3Client, bucket: string): HealthCheck {
  return {
    name: "bucket",
    kind: "bucket",
    async check(signal) {
      const { BucketRegion: region } = await client.send(new HeadBucketCommand({ Bucket: bucket }), {
        abortSignal: signal,
      });
      return region ? { detail: region } : undefined;
    },
  };
}

import type { Job } from "../jobs/job.ts";

/**
 * Where the ingress puts work it defers. The SQS adapter sends one message per job;
 * delivery is at least once, so workers are idempotent on `job.id`.
 */
export interface JobQueue {
  enqueue(job: Job): Promise<void>;
}

/**
 * A queue whose adapter is loaded on first use, so a cold start that only answers inline
 * (PING, `/help`) never pays for loading the queue's SDK. Concurrent first uses share one load.
 *
 * @example
 * const queue = lazyJobQueue(async () => new SqsJobQueue(new (await import("@aws-sdk/client-sqs")).SQSClient({}), url));
 */
export function lazyJobQueue(load: () => Promise<JobQueue>): JobQueue {
  let loading: Promise<JobQueue> | undefined;
  return {
    async enqueue(job) {
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      await (await loading).enqueue(job);
    },
  };
}

import type { Job } from "../jobs/job.ts";

/**
 * Where the ingress puts work it defers. The SQS adapter sends one message per job;
 * delivery is at least once, so workers are idempotent on `job.id`.
 */
export interface JobQueue {
  enqueue(job: Job): Promise<void>;
}

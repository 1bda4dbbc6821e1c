/**
 * How many batches of jobs run at once at most: the jobs worker's maximum concurrency in AWS
 * (`stacks/queues.ts`) and the local queue runner's. Enough for 500 interactions/s of which most
 * defer, while leaving the account's other functions room and keeping Discord's per-route
 * limits in reach.
 */
export const JOBS_MAX_CONCURRENCY = 100;

import { ExponentialBackoff, halfJitterGenerator } from "cockatiel";

export interface RetrySchedule {
  /** Tries in all, the first included; the last failure dead-letters the job. */
  maxAttempts: number;
  /** The first delay, in seconds; each later one doubles. */
  initialSeconds: number;
  /** The longest delay while the job still has a reply it may edit. */
  maxSeconds: number;
  /** The longest delay once there is no reply left to edit (SQS allows up to 12 h). */
  maxSecondsWithoutReply: number;
}

/**
 * The jobs queue's schedule: eight tries over 6 to 11 minutes, so a dependency that is down for
 * minutes does not lose the job, and the last try still falls inside the 15 minutes an
 * interaction token lives. A job whose token is gone waits up to 15 minutes between tries.
 */
export const JOB_RETRY_SCHEDULE: RetrySchedule = {
  maxAttempts: 8,
  initialSeconds: 10,
  maxSeconds: 180,
  maxSecondsWithoutReply: 900,
};

/**
 * The self-edit queue's schedule: three tries, a minute or two apart (each run may take up to
 * 14 minutes of the token's 15, so a later try rarely still has a reply to edit).
 */
export const SELFEDIT_RETRY_SCHEDULE: RetrySchedule = {
  maxAttempts: 3,
  initialSeconds: 30,
  maxSeconds: 120,
  maxSecondsWithoutReply: 900,
};

/**
 * The tasks queue's schedule: three tries minutes apart. A task has no reply to edit; the next
 * scheduled run picks up whatever a dead-lettered one left.
 */
export const TASK_RETRY_SCHEDULE: RetrySchedule = {
  maxAttempts: 3,
  initialSeconds: 60,
  maxSeconds: 300,
  maxSecondsWithoutReply: 300,
};

/**
 * The queue's own redrive threshold: two receives beyond the schedule's tries, so the
 * worker dead-letters a job itself, with its reason, and the queue only moves what a crashed
 * or timed-out worker never got to.
 */
export function redriveThreshold(schedule: RetrySchedule): number {
  return schedule.maxAttempts + 2;
}

/**
 * Seconds to wait after the failed try number `attempt` (1-based): exponential with half
 * jitter (between half and all of the exponential delay), from cockatiel's backoff.
 *
 * @example
 * retryDelaySeconds(JOB_RETRY_SCHEDULE, 3, { replyAlive: true }) // 20..40
 */
export function retryDelaySeconds(
  schedule: RetrySchedule,
  attempt: number,
  options: { replyAlive: boolean },
): number {
  const maxSeconds = options.replyAlive ? schedule.maxSeconds : schedule.maxSecondsWithoutReply;
  const backoff = new ExponentialBackoff({
    generator: halfJitterGenerator,
    initialDelay: schedule.initialSeconds * 1000,
    maxDelay: maxSeconds * 1000,
  });
  let step = backoff.next();
  for (let tries = 1; tries < attempt; tries++) step = step.next(undefined);
  return Math.ceil(step.duration / 1000);
}

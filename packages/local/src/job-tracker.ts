/** Where a job stands, as the local queue runners saw it. */
export type JobState = "retrying" | "done" | "dead-lettered";

/**
 * Remembers what became of each job the local queue runners handled, by the interaction it
 * works for, so the simulator can stop following a reply as soon as its job has ended
 * instead of waiting for a quiet spell. Keeps the most recent `capacity` jobs.
 *
 * @example
 * tracker.settle(["1100000000000000007"], "done");
 * tracker.state("1100000000000000007"); // "done"
 */
export class JobTracker {
  readonly #states = new Map<string, JobState>();

  constructor(private readonly capacity = 1_000) {}

  settle(interactionIds: readonly string[], state: JobState): void {
    for (const id of interactionIds) {
      this.#states.delete(id);
      this.#states.set(id, state);
    }
    for (const oldest of this.#states.keys()) {
      if (this.#states.size <= this.capacity) break;
      this.#states.delete(oldest);
    }
  }

  /** `undefined` while the job waits in its queue or runs for the first time. */
  state(interactionId: string): JobState | undefined {
    return this.#states.get(interactionId);
  }
}

/**
 * The interaction a queue message's job works for: its correlation id, which is the
 * interaction id from the ingress on (a self-edit job's own id is its request id instead).
 */
export function interactionIdOf(body: string | undefined): string | undefined {
  try {
    const id = (JSON.parse(body ?? "") as { correlationId?: unknown }).correlationId;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

import {
  type DocumentStore,
  type ItemKey,
  occurrenceId,
  type RecurringSchedule,
  type Task,
} from "@megawatts/core";
import { claim, holds } from "./claims.ts";
import type { SendFailed, SendTask } from "./one-shot.ts";
import { parseRecurrence, type Recurrence } from "./recurrence.ts";

// One cursor item per recurring kind: the last occurrence sent. Recurring tasks belong to no
// guild (they visit every guild), so the partition names the scheduler itself.
const cursorKey = (kind: string): ItemKey => ({ pk: "SCHED#RECURRING", sk: kind });

interface Declared {
  schedule: RecurringSchedule;
  recurrence: Recurrence;
}

/**
 * Runs recurring schedules like EventBridge Scheduler: an occurrence is sent once, with the id
 * `<kind>@<time>`. A kind seen for the first time starts from now (nothing is back-filled);
 * occurrences missed while the runtime was down are folded into the latest one, sent once.
 */
export class RecurringTasks {
  readonly #declared: Declared[];

  constructor(
    private readonly store: DocumentStore,
    schedules: readonly RecurringSchedule[],
  ) {
    // Parsed up front so a bad expression stops the start, naming the kind.
    this.#declared = schedules.map((schedule) => {
      try {
        return { schedule, recurrence: parseRecurrence(schedule.schedule) };
      } catch (error) {
        throw new Error(`recurring schedule ${schedule.kind}: ${(error as Error).message}`, { cause: error });
      }
    });
  }

  async sendDue(now: number, claimMs: number, send: SendTask, failed: SendFailed): Promise<Task[]> {
    const sent: Task[] = [];
    for (const { schedule, recurrence } of this.#declared) {
      const task = await this.#sendOne(schedule, recurrence, now, claimMs, send, failed);
      if (task) sent.push(task);
    }
    return sent;
  }

  /** When each declared kind runs next, after `now`. */
  next(now: number): { kind: string; at: number | undefined }[] {
    return this.#declared.map(({ schedule, recurrence }) => ({
      kind: schedule.kind,
      at: recurrence.next(now),
    }));
  }

  async #sendOne(
    schedule: RecurringSchedule,
    recurrence: Recurrence,
    now: number,
    claimMs: number,
    send: SendTask,
    failed: SendFailed,
  ): Promise<Task | undefined> {
    const key = cursorKey(schedule.kind);
    const cursor = await this.store.get(key, { consistent: true });
    if (!cursor) {
      const item = {
        ...key,
        cls: "recurring-cursor",
        v: 1,
        tenant: "system",
        createdAt: now,
        updatedAt: now,
      };
      await holds(this.store.put({ ...item, data: { last: now } }, { ifAbsent: true }));
      return undefined;
    }
    const due = recurrence.latest(Number(cursor.data.last), now);
    if (due === undefined) return undefined;
    const claimed = await claim(this.store, cursor, now, claimMs);
    if (!claimed) return undefined;
    const id = occurrenceId(schedule.kind, due);
    const task: Task = {
      v: 1,
      type: "task",
      id,
      kind: schedule.kind,
      payload: {},
      scheduledFor: due,
      correlationId: id,
    };
    try {
      await send(task);
    } catch (error) {
      failed(task, error);
      return undefined;
    }
    const done = { ...claimed, updatedAt: claimed.updatedAt + 1, data: { last: due } };
    await holds(this.store.put(done, { ifUnchanged: { updatedAt: claimed.updatedAt } }));
    return task;
  }
}

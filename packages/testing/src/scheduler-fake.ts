import {
  newId,
  type ScheduledTask,
  ScheduleIdSchema,
  type ScheduleRequest,
  ScheduleRequestSchema,
  type Scheduler,
  type Task,
} from "@megawatts/core";

/**
 * A scheduler in memory with the adapters' rules (checked requests, idempotent ids, one guild
 * at a time), for testing plugins that schedule: `due(now)` hands out what would run.
 *
 * @example
 * const scheduler = new InMemoryScheduler();
 * await plugin.ban({ scheduler, ... });
 * expect(scheduler.due(Date.parse("2026-12-08T00:00:00Z")).map((task) => task.kind)).toEqual(["moderation.unban"]);
 */
export class InMemoryScheduler implements Scheduler {
  /** Pending tasks by `<guild>/<id>`. */
  readonly pending = new Map<string, ScheduledTask>();

  async schedule(request: ScheduleRequest): Promise<ScheduledTask> {
    const { kind, guildId, payload = null, runAt, id = newId("sch") } = ScheduleRequestSchema.parse(request);
    const key = `${guildId}/${id}`;
    const task = this.pending.get(key) ?? { id, kind, guildId, payload, runAt };
    this.pending.set(key, task);
    return structuredClone(task);
  }

  async cancel(guildId: string, id: string): Promise<boolean> {
    const key = `${ScheduleRequestSchema.shape.guildId.parse(guildId)}/${ScheduleIdSchema.parse(id)}`;
    return this.pending.delete(key);
  }

  async list(guildId: string): Promise<ScheduledTask[]> {
    return [...this.pending.values()]
      .filter((task) => task.guildId === guildId)
      .sort((a, b) => a.runAt - b.runAt || a.id.localeCompare(b.id))
      .map((task) => structuredClone(task));
  }

  /** Removes the tasks due by `now` and returns them as the queue messages they become. */
  due(now: number): Task[] {
    const due = [...this.pending.entries()].filter(([, task]) => task.runAt <= now);
    for (const [key] of due) this.pending.delete(key);
    return due
      .map(([, task]) => task)
      .sort((a, b) => a.runAt - b.runAt)
      .map((task) => ({
        v: 1,
        type: "task",
        id: task.id,
        kind: task.kind,
        guildId: task.guildId,
        payload: task.payload,
        scheduledFor: task.runAt,
        correlationId: task.id,
      }));
  }
}

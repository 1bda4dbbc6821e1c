/** A one-shot task waiting for its time, as a scheduler lists it. */
export interface ScheduledTask {
  /** Prefixed, sortable id (`sch_…`); also the task's id when it fires. */
  id: string;
  kind: string;
  guildId: string;
  payload: unknown;
  /** When it is due (epoch ms). */
  runAt: number;
}

export interface ScheduleRequest {
  kind: string;
  guildId: string;
  payload?: unknown;
  runAt: number;
  /** A caller-chosen id makes scheduling idempotent (e.g. one unban per ban case). */
  id?: string;
}

/**
 * Schedules one-shot tasks: at `runAt` the task is put on the jobs queue and the plugin that
 * owns its kind runs it. In AWS, EventBridge Scheduler one-time schedules; locally a scheduler
 * that keeps its schedules on disk so they survive a restart.
 *
 * @example
 * const task = await scheduler.schedule({ kind: "moderation.unban", guildId, payload: { userId }, runAt });
 * await scheduler.cancel(guildId, task.id);
 */
export interface Scheduler {
  schedule(request: ScheduleRequest): Promise<ScheduledTask>;
  /** True when a pending task was cancelled; false when there was none (already run or unknown). */
  cancel(guildId: string, id: string): Promise<boolean>;
  /** The guild's pending tasks, soonest first. */
  list(guildId: string): Promise<ScheduledTask[]>;
}

/**
 * A recurring task a plugin declares in its manifest. `schedule` uses EventBridge's syntax:
 * `rate(5 minutes)` or `cron(15 4 * * ? *)` (UTC).
 */
export interface RecurringSchedule {
  /** The task kind to run; starts with the plugin id. */
  kind: string;
  schedule: string;
  description: string;
}

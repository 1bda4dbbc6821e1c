import { z } from "zod";
import { TaskSchema } from "./task.ts";

/**
 * A schedule id: short and plain, because adapters build names from it (EventBridge Scheduler
 * allows 64 characters of `[0-9A-Za-z_.-]` for the guild and the id together).
 */
export const ScheduleIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, "a schedule id is 1 to 40 of A-Z a-z 0-9 _ . -");

/** What `Scheduler.schedule` accepts, checked once by every adapter. */
export const ScheduleRequestSchema = z.object({
  kind: TaskSchema.shape.kind,
  guildId: TaskSchema.shape.guildId.unwrap(),
  payload: z.unknown().optional(),
  runAt: z.number().int().nonnegative(),
  id: ScheduleIdSchema.optional(),
});

/**
 * The id of one occurrence of a recurring schedule: its kind and scheduled time to the
 * second, written as EventBridge Scheduler writes `<aws.scheduler.scheduled-time>`, so the
 * same occurrence has the same task id in AWS and locally.
 *
 * @example
 * occurrenceId("system.health", Date.parse("2026-12-07T04:15:00Z")) // "system.health@2026-12-07T04:15:00Z"
 */
export function occurrenceId(kind: string, scheduledFor: number): string {
  return `${kind}@${new Date(Math.floor(scheduledFor / 1000) * 1000).toISOString().replace(".000Z", "Z")}`;
}

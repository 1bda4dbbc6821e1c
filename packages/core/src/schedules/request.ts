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

import { z } from "zod";

const Snowflake = z.string().regex(/^\d{17,20}$/);

/**
 * Scheduled work: a queue message like a job, but caused by a schedule rather than an
 * interaction, so there is no reply to edit. `id` names the occurrence (a one-shot schedule's
 * id, or a recurring schedule's name and time), so a redelivery runs it once.
 */
export const TaskSchema = z.object({
  v: z.literal(1),
  type: z.literal("task"),
  id: z.string().min(1).max(200),
  kind: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/),
  /** The guild a one-shot task acts on; absent for recurring tasks that visit every guild. */
  guildId: Snowflake.optional(),
  payload: z.unknown(),
  /**
   * When the schedule meant it to run (epoch ms). An ISO 8601 UTC time is accepted too, because a
   * recurring EventBridge schedule can only write its `<aws.scheduler.scheduled-time>` as text.
   */
  scheduledFor: z.union([z.number().int(), z.iso.datetime().transform((iso) => Date.parse(iso))]),
  correlationId: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;

/** Is this queue message body a task (rather than an interaction job)? */
export function isTaskBody(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "task";
}

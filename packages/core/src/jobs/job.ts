import { z } from "zod";
import { SealedSchema } from "../crypto/sealed.ts";
import { isTaskBody, type Task, TaskSchema } from "../schedules/task.ts";

/** What a worker needs to answer the interaction that caused a job. */
export const InteractionRefSchema = z.object({
  id: z.string().regex(/^\d{17,20}$/),
  applicationId: z.string().regex(/^\d{17,20}$/),
  token: z.string().min(1),
  guildId: z.string().nullable(),
  channelId: z.string().nullable(),
  userId: z.string(),
  /** When Discord created the interaction (epoch ms); its token dies 15 minutes later. */
  createdAt: z.number().int(),
});
export type InteractionRef = z.infer<typeof InteractionRefSchema>;

/**
 * Who asked for a job and where: an interaction, or a click outside Discord (the dashboard),
 * which names the member, server and channel but has no interaction token to answer through.
 * A job without a token reports through channel messages (see `runJob`).
 */
export const JobOriginSchema = InteractionRefSchema.extend({
  id: z.string().min(1),
  token: z.string().min(1).optional(),
});
export type JobOrigin = z.infer<typeof JobOriginSchema>;

/**
 * A unit of deferred work, carried as one queue message. `id` is the interaction id for
 * interaction jobs, so replays and redeliveries of the same interaction share one id.
 */
export const JobSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  kind: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/),
  interaction: JobOriginSchema,
  payload: z.unknown(),
  /** The payload, sealed for the queue (then `payload` is null); see `sealJobPayload`. */
  sealedPayload: z.object({ keyId: z.string().min(1), sealed: SealedSchema }).optional(),
  correlationId: z.string(),
  enqueuedAt: z.number().int(),
  /**
   * When an operator sent the job back from the dead-letter queue (epoch ms). A redriven job
   * runs even after its interaction token died, and then reports through a channel message.
   */
  redrivenAt: z.number().int().optional(),
});
export type Job = z.infer<typeof JobSchema>;

/** A job as a plugin asks for it; the ingress fills in the rest. */
export interface JobRequest {
  kind: string;
  payload?: unknown;
  /**
   * The job's id, when the plugin needs one that names the work rather than the interaction
   * (e.g. a self-edit request id): it deduplicates the message and claims the run. Default:
   * the interaction id.
   */
  id?: string;
  /** A named queue of the runtime (e.g. `selfedit`, the FIFO self-edit queue); default the jobs queue. */
  queue?: string;
  /**
   * The member the payload is about, when it holds what they wrote (a message, a question, a
   * request): the ingress seals it under a key of its own, filed under that member, so their
   * erasure makes every queued or dead-lettered copy unreadable.
   */
  sealFor?: string;
}

/** Parses a queue message body into a job, throwing a zod error that names the bad field. */
export function parseJob(body: string): Job {
  return JobSchema.parse(JSON.parse(body));
}

/**
 * One message of the jobs queue: deferred interaction work, or a scheduled task. `id` (the
 * job's or task's) is what claims the run, so a redelivery runs it once.
 */
export type Work = { id: string } & ({ type: "job"; job: Job } | { type: "task"; task: Task });

/**
 * Parses a jobs-queue message body into a job or a task, throwing a zod error that names the
 * bad field.
 *
 * @example
 * const work = parseWork(record.body); // { type: "task", id: "indexing.sync@…", task }
 */
export function parseWork(body: string): Work {
  const value: unknown = JSON.parse(body);
  if (isTaskBody(value)) {
    const task = TaskSchema.parse(value);
    return { type: "task", id: task.id, task };
  }
  const job = JobSchema.parse(value);
  return { type: "job", id: job.id, job };
}

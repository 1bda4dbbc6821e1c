import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from "@aws-sdk/client-scheduler";
import {
  type Clock,
  newId,
  type ScheduledTask,
  ScheduleIdSchema,
  type ScheduleRequest,
  ScheduleRequestSchema,
  type Scheduler,
  systemClock,
  type Task,
  TaskSchema,
} from "@megawatts/core";
import { atExpression, guildNamePrefix, scheduleName } from "./names.ts";

export interface EventBridgeSchedulerOptions {
  /** The schedule group every one-shot schedule is created in. */
  groupName: string;
  /** The queue the task is sent to when it is due (the tasks queue). */
  queueArn: string;
  /** The role EventBridge Scheduler assumes to send to the queue (`sqs:SendMessage` only). */
  roleArn: string;
  /** Decides whether a time is already past (default: the system clock). */
  clock?: Clock;
}

// EventBridge Scheduler works to the minute; a time already past, or within that minute, is
// scheduled one minute ahead so the schedule is never created for a moment that has gone.
const MIN_LEAD_MS = 60_000;
// GetSchedule calls at once while listing, well under the service's per-second quota.
const LIST_CONCURRENCY = 8;

const parseJson = (text: string | undefined): unknown => {
  try {
    return JSON.parse(text ?? "null");
  } catch {
    return null;
  }
};

const toScheduled = (task: Task): ScheduledTask => ({
  id: task.id,
  kind: task.kind,
  guildId: task.guildId ?? "",
  payload: task.payload,
  runAt: task.scheduledFor,
});

/**
 * One-shot tasks as EventBridge Scheduler one-time schedules: `at(...)` in UTC in one group,
 * sending the task as the message body to the jobs queue (SQS target, the scheduler role) and
 * deleted by the service after it ran. Names are `g<guild>-<id>`: listing is a prefix query and
 * no call reaches another guild's schedule. A caller-chosen id makes `schedule` idempotent.
 *
 * @example
 * const scheduler = new EventBridgeScheduler(new SchedulerClient({}), {
 *   groupName: Resource.Schedules.name, queueArn: Resource.JobsQueue.arn, roleArn: Resource.SchedulerRole.arn,
 * });
 * const task = await scheduler.schedule({ kind: "moderation.unban", guildId, payload: { userId }, runAt });
 */
export class EventBridgeScheduler implements Scheduler {
  readonly #clock: Clock;

  constructor(
    private readonly client: SchedulerClient,
    private readonly options: EventBridgeSchedulerOptions,
  ) {
    this.#clock = options.clock ?? systemClock;
  }

  async schedule(request: ScheduleRequest): Promise<ScheduledTask> {
    const { kind, guildId, payload = null, runAt, id: chosen } = ScheduleRequestSchema.parse(request);
    const id = chosen ?? newId("sch");
    const task: Task = {
      v: 1,
      type: "task",
      id,
      kind,
      guildId,
      payload,
      scheduledFor: runAt,
      correlationId: id,
    };
    const fireAt = Math.max(runAt, this.#clock.now() + MIN_LEAD_MS);
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: scheduleName(guildId, id),
          GroupName: this.options.groupName,
          ScheduleExpression: atExpression(fireAt),
          ScheduleExpressionTimezone: "UTC",
          FlexibleTimeWindow: { Mode: "OFF" },
          ActionAfterCompletion: "DELETE",
          State: "ENABLED",
          Description: kind,
          Target: { Arn: this.options.queueArn, RoleArn: this.options.roleArn, Input: JSON.stringify(task) },
        }),
      );
      return toScheduled(task);
    } catch (error) {
      if (!(error instanceof ConflictException) || chosen === undefined) throw error;
      // Already scheduled under this id: the first request wins, as an idempotency key should.
      const existing = await this.#get(guildId, id);
      if (!existing) throw error;
      return existing;
    }
  }

  async cancel(guildId: string, id: string): Promise<boolean> {
    const name = scheduleName(ScheduleRequestSchema.shape.guildId.parse(guildId), ScheduleIdSchema.parse(id));
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.options.groupName }));
      return true;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    }
  }

  async list(guildId: string): Promise<ScheduledTask[]> {
    const prefix = guildNamePrefix(ScheduleRequestSchema.shape.guildId.parse(guildId));
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new ListSchedulesCommand({
          GroupName: this.options.groupName,
          NamePrefix: prefix,
          MaxResults: 100,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      for (const summary of page.Schedules ?? []) if (summary.Name) names.push(summary.Name);
      nextToken = page.NextToken;
    } while (nextToken);
    const tasks: ScheduledTask[] = [];
    for (let start = 0; start < names.length; start += LIST_CONCURRENCY) {
      const batch = names.slice(start, start + LIST_CONCURRENCY);
      const found = await Promise.all(batch.map((name) => this.#read(name)));
      for (const task of found) if (task?.guildId === guildId) tasks.push(task);
    }
    return tasks.sort((a, b) => a.runAt - b.runAt || a.id.localeCompare(b.id));
  }

  #get(guildId: string, id: string): Promise<ScheduledTask | undefined> {
    return this.#read(scheduleName(guildId, id));
  }

  /** The task a schedule will send; undefined once it ran (deleted) or for a foreign schedule. */
  async #read(name: string): Promise<ScheduledTask | undefined> {
    try {
      const schedule = await this.client.send(
        new GetScheduleCommand({ Name: name, GroupName: this.options.groupName }),
      );
      const parsed = TaskSchema.safeParse(parseJson(schedule.Target?.Input));
      return parsed.success && parsed.data.guildId ? toScheduled(parsed.data) : undefined;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }
}

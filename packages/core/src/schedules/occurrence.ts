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

/** What EventBridge Scheduler writes in place of this text: the occurrence's time, to the second. */
export const SCHEDULED_TIME = "<aws.scheduler.scheduled-time>";

/**
 * The queue message of one occurrence of a recurring task, as JSON text with `scheduledTime`
 * standing for its time. `stacks/` passes `SCHEDULED_TIME`, which EventBridge Scheduler fills in
 * on each invocation (`2026-12-07T04:15:00Z`), so the message parses as a `Task` whose id is
 * `occurrenceId(kind, time)`.
 *
 * @example
 * recurringTaskInput("system.health", "2026-12-07T04:15:00Z")
 * // '{"v":1,"type":"task","id":"system.health@2026-12-07T04:15:00Z",...,"scheduledFor":"2026-12-07T04:15:00Z",...}'
 */
export function recurringTaskInput(kind: string, scheduledTime: string = SCHEDULED_TIME): string {
  const id = `${kind}@${scheduledTime}`;
  return JSON.stringify({
    v: 1,
    type: "task",
    id,
    kind,
    payload: {},
    scheduledFor: scheduledTime,
    correlationId: id,
  });
}

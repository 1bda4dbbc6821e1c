import { recurringSchedules as declared } from "../packages/catalog/src/manifests.ts";
import { recurringTaskInput } from "../packages/core/src/schedules/occurrence.ts";
import type { RecurringSchedule } from "../packages/core/src/schedules/ports.ts";
import { tasksQueue, tasksScheduling } from "./queues.ts";
import { scheduleGroup, schedulerRole } from "./schedule-group.ts";

const KIND = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9.-]*$/;
const EXPRESSION = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/;

const pascal = (kind: string) =>
  kind
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/**
 * One EventBridge schedule per declared recurring task, in the stage's schedule group, sending
 * the task to the tasks queue in UTC, on time (no flexible window). Refuses a malformed kind or
 * expression, or a kind declared twice, naming it.
 *
 * @example
 * recurringSchedules([{ kind: "system.health", schedule: "rate(5 minutes)", description: "checks the stand-ins" }]);
 */
export function recurringSchedules(list: readonly RecurringSchedule[]) {
  const seen = new Set<string>();
  return list.map(({ kind, schedule, description }) => {
    if (!KIND.test(kind)) throw new Error(`recurring schedule ${kind}: the kind must be <plugin>.<name>`);
    if (!EXPRESSION.test(schedule))
      throw new Error(`recurring schedule ${kind}: ${schedule} is not rate(n unit) or a six-field cron(...)`);
    if (seen.has(pascal(kind))) throw new Error(`recurring schedule ${kind}: declared twice`);
    seen.add(pascal(kind));
    return new aws.scheduler.Schedule(
      `Recurring${pascal(kind)}`,
      {
        // Not starting with "g": the workers' rights cover one-shot schedules only.
        name: `recurring.${kind}`,
        groupName: scheduleGroup.name,
        description: description.slice(0, 512),
        scheduleExpression: schedule,
        scheduleExpressionTimezone: "UTC",
        flexibleTimeWindow: { mode: "OFF" },
        state: "ENABLED",
        target: { arn: tasksQueue.arn, roleArn: schedulerRole.arn, input: recurringTaskInput(kind) },
      },
      { dependsOn: [tasksScheduling.sendPolicy] },
    );
  });
}

/** The recurring tasks the installed plugins declare (health, tiers, indexing sync, …). */
export const schedules = recurringSchedules(declared);

import { fixture, ProtocolReplyError } from "../protocol-server.ts";

/** A schedule as the test server keeps it, in the service's own field names. */
export interface StoredSchedule {
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone: string;
  State: string;
  Description?: string;
  ActionAfterCompletion: string;
  FlexibleTimeWindow: { Mode: string; MaximumWindowInMinutes?: number };
  Target: { Arn: string; RoleArn: string; Input?: string; [field: string]: unknown };
  CreationDate: number;
  LastModificationDate: number;
}

const NAME = /^[0-9a-zA-Z_.-]{1,64}$/;
const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
const RATE = /^rate\(\d+ (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;

const errorFixtures = {
  ConflictException: [409, "scheduler/error-conflict.json"],
  ResourceNotFoundException: [404, "scheduler/error-not-found.json"],
  ValidationException: [400, "scheduler/error-validation.json"],
} as const;

/** Throws the service's error reply: status, `x-amzn-errortype` header and `{ Message }` body. */
export function fail(type: keyof typeof errorFixtures, message: string): never {
  const [status, file] = errorFixtures[type];
  throw new ProtocolReplyError({
    status,
    body: { ...fixture<object>(file), Message: message },
    headers: { "x-amzn-errortype": type },
  });
}

/** When a one-time schedule is due (epoch ms), or undefined for a recurring one. */
export function atTime(schedule: Pick<StoredSchedule, "ScheduleExpression">): number | undefined {
  const match = AT.exec(schedule.ScheduleExpression);
  return match ? Date.parse(`${match[1]}Z`) : undefined;
}

/** The schedules of every group, keyed `<group>/<name>`, with the service's checks. */
export class SchedulerStore {
  readonly schedules = new Map<string, StoredSchedule>();

  constructor(readonly groups: Set<string>) {}

  create(name: string, body: Record<string, unknown>): StoredSchedule {
    const group = typeof body.GroupName === "string" ? body.GroupName : "default";
    if (!NAME.test(name)) fail("ValidationException", `Invalid schedule name ${name}.`);
    if (!this.groups.has(group)) fail("ResourceNotFoundException", `Schedule group ${group} does not exist.`);
    const expression = String(body.ScheduleExpression ?? "");
    if (!AT.test(expression) && !RATE.test(expression) && !CRON.test(expression))
      fail("ValidationException", `Invalid Schedule Expression ${expression}.`);
    const timezone = String(body.ScheduleExpressionTimezone ?? "UTC");
    if (timezone !== "UTC") fail("ValidationException", "This test server evaluates schedules in UTC only.");
    const window = body.FlexibleTimeWindow as StoredSchedule["FlexibleTimeWindow"] | undefined;
    if (!window?.Mode) fail("ValidationException", "FlexibleTimeWindow is required.");
    const target = body.Target as StoredSchedule["Target"] | undefined;
    if (!target?.Arn || !target.RoleArn) fail("ValidationException", "Target Arn and RoleArn are required.");
    const key = `${group}/${name}`;
    if (this.schedules.has(key)) fail("ConflictException", `Schedule ${name} already exists.`);
    const now = Date.now() / 1000;
    const schedule: StoredSchedule = {
      Name: name,
      GroupName: group,
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: timezone,
      State: String(body.State ?? "ENABLED"),
      ...(typeof body.Description === "string" ? { Description: body.Description } : {}),
      ActionAfterCompletion: String(body.ActionAfterCompletion ?? "NONE"),
      FlexibleTimeWindow: window,
      Target: target,
      CreationDate: now,
      LastModificationDate: now,
    };
    this.schedules.set(key, schedule);
    return schedule;
  }

  get(group: string, name: string): StoredSchedule {
    const schedule = this.schedules.get(`${group}/${name}`);
    if (!schedule) fail("ResourceNotFoundException", `Schedule ${name} does not exist.`);
    return schedule;
  }

  delete(group: string, name: string): void {
    this.get(group, name);
    this.schedules.delete(`${group}/${name}`);
  }

  /** Names in one group starting with `prefix`, in name order. */
  list(group: string, prefix: string): StoredSchedule[] {
    if (!this.groups.has(group)) fail("ResourceNotFoundException", `Schedule group ${group} does not exist.`);
    return [...this.schedules.values()]
      .filter((schedule) => schedule.GroupName === group && schedule.Name.startsWith(prefix))
      .sort((a, b) => a.Name.localeCompare(b.Name));
  }
}

import { describe, expect, it } from "vitest";
import { occurrenceId, recurringTaskInput } from "./occurrence.ts";
import { ScheduleRequestSchema } from "./request.ts";
import { TaskSchema } from "./task.ts";

const task = {
  v: 1,
  type: "task",
  id: "system.health@2026-12-07T04:15:00Z",
  kind: "system.health",
  payload: {},
  correlationId: "system.health@2026-12-07T04:15:00Z",
};

describe("scheduled tasks", () => {
  it("reads scheduledFor as epoch milliseconds", () => {
    const parsed = TaskSchema.parse({ ...task, scheduledFor: 1_796_616_900_000 });
    expect(parsed.scheduledFor).toBe(1_796_616_900_000);
  });

  it("reads the ISO time EventBridge Scheduler substitutes as epoch milliseconds", () => {
    const parsed = TaskSchema.parse({ ...task, scheduledFor: "2026-12-07T04:15:00Z" });
    expect(parsed.scheduledFor).toBe(Date.parse("2026-12-07T04:15:00Z"));
  });

  it("rejects a scheduledFor that is neither", () => {
    expect(TaskSchema.safeParse({ ...task, scheduledFor: "tomorrow" }).success).toBe(false);
  });

  it("names an occurrence by kind and time to the second, as EventBridge writes it", () => {
    expect(occurrenceId("system.health", Date.parse("2026-12-07T04:15:00.750Z"))).toBe(
      "system.health@2026-12-07T04:15:00Z",
    );
  });

  it("fills a recurring task's input as EventBridge does into a Task named like a local occurrence", () => {
    const time = "2026-12-07T04:15:00Z";
    const parsed = TaskSchema.parse(JSON.parse(recurringTaskInput("system.health", time)));
    expect(parsed).toEqual({
      v: 1,
      type: "task",
      id: occurrenceId("system.health", Date.parse(time)),
      kind: "system.health",
      payload: {},
      scheduledFor: Date.parse(time),
      correlationId: occurrenceId("system.health", Date.parse(time)),
    });
  });

  it("leaves EventBridge's placeholder in the template", () => {
    expect(recurringTaskInput("system.health")).toContain(
      '"id":"system.health@<aws.scheduler.scheduled-time>"',
    );
  });

  it("refuses schedule ids that cannot be part of a schedule name", () => {
    const request = { kind: "moderation.unban", guildId: "81384788765712384", runAt: 1 };
    expect(ScheduleRequestSchema.safeParse({ ...request, id: "unban-42" }).success).toBe(true);
    expect(ScheduleRequestSchema.safeParse({ ...request, id: "unban/42" }).success).toBe(false);
    expect(ScheduleRequestSchema.safeParse({ ...request, id: "x".repeat(41) }).success).toBe(false);
  });

  it("refuses a guild id that is not a snowflake", () => {
    const request = { kind: "moderation.unban", guildId: "G#1", runAt: 1 };
    expect(ScheduleRequestSchema.safeParse(request).success).toBe(false);
  });
});

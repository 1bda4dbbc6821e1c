import { ResourceNotFoundException, SchedulerClient } from "@aws-sdk/client-scheduler";
import { TaskSchema } from "@megawatts/core";
import { EventBridgeScheduler } from "@megawatts/storage/scheduler";
import { ManualClock } from "@megawatts/testing/fakes";
import { type SchedulerTestServer, startSchedulerTestServer } from "@megawatts/testing/scheduler-server";
import { afterEach, describe, expect, it } from "vitest";

const GROUP = "megawatts-test-schedules";
const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:megawatts-test-JobsQueue";
const ROLE_ARN = "arn:aws:iam::123456789012:role/megawatts-test-SchedulerRole";
const GUILD_A = "81384788765712384";
const GUILD_B = "81384788765712999";
const NOW = Date.parse("2026-12-07T12:00:00Z");
const AT_TWO = Date.parse("2026-12-07T14:00:00Z");

const servers: SchedulerTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(groupName = GROUP) {
  const server = await startSchedulerTestServer({ groups: [GROUP] });
  servers.push(server);
  const client = new SchedulerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const clock = new ManualClock(NOW);
  const scheduler = new EventBridgeScheduler(client, {
    groupName,
    queueArn: QUEUE_ARN,
    roleArn: ROLE_ARN,
    clock,
  });
  return { server, scheduler, clock };
}

const creates = (server: SchedulerTestServer) =>
  server.requests.filter((request) => request.method === "POST" && request.path.startsWith("/schedules/"));

describe("EventBridge Scheduler adapter against the Scheduler-protocol server", () => {
  it("creates a one-time schedule in the group that sends the task to the jobs queue and deletes itself", async () => {
    const { server, scheduler } = await serve();
    const task = await scheduler.schedule({
      kind: "moderation.unban",
      guildId: GUILD_A,
      payload: { userId: "80351110224678912" },
      runAt: AT_TWO,
      id: "unban-42",
    });

    expect(task).toEqual({
      id: "unban-42",
      kind: "moderation.unban",
      guildId: GUILD_A,
      payload: { userId: "80351110224678912" },
      runAt: AT_TWO,
    });
    const [create] = creates(server);
    expect(create?.path).toBe(`/schedules/g${GUILD_A}-unban-42`);
    expect(create?.body).toMatchObject({
      GroupName: GROUP,
      ScheduleExpression: "at(2026-12-07T14:00:00)",
      ScheduleExpressionTimezone: "UTC",
      FlexibleTimeWindow: { Mode: "OFF" },
      ActionAfterCompletion: "DELETE",
      Target: { Arn: QUEUE_ARN, RoleArn: ROLE_ARN },
    });
  });

  it("delivers a Task message at its time, once, and the schedule is gone afterwards", async () => {
    const { server, scheduler } = await serve();
    const { id } = await scheduler.schedule({
      kind: "moderation.unban",
      guildId: GUILD_A,
      payload: { userId: "80351110224678912" },
      runAt: AT_TWO,
    });

    expect(server.fire(AT_TWO - 1_000)).toEqual([]);
    const invoked = server.fire(AT_TWO);
    expect(server.fire(AT_TWO + 60_000)).toEqual([]);

    expect(invoked).toHaveLength(1);
    expect(invoked[0]?.targetArn).toBe(QUEUE_ARN);
    expect(TaskSchema.parse(JSON.parse(invoked[0]?.input ?? ""))).toEqual({
      v: 1,
      type: "task",
      id,
      kind: "moderation.unban",
      guildId: GUILD_A,
      payload: { userId: "80351110224678912" },
      scheduledFor: AT_TWO,
      correlationId: id,
    });
    expect(id).toMatch(/^sch_[0-9A-Z]{26}$/);
    expect(await scheduler.list(GUILD_A)).toEqual([]);
    expect(await scheduler.cancel(GUILD_A, id)).toBe(false);
  });

  it("schedules an overdue task a minute ahead and keeps the time it was meant for", async () => {
    const { server, scheduler } = await serve();
    await scheduler.schedule({ kind: "moderation.unban", guildId: GUILD_A, runAt: NOW - 5_000, id: "late" });

    expect(creates(server)[0]?.body).toMatchObject({ ScheduleExpression: "at(2026-12-07T12:01:00)" });
    const [invoked] = server.fire(NOW + 60_000);
    expect(TaskSchema.parse(JSON.parse(invoked?.input ?? "")).scheduledFor).toBe(NOW - 5_000);
  });

  it("lists only the guild's pending tasks, soonest first, across pages", async () => {
    const { server, scheduler } = await serve();
    for (let index = 0; index < 103; index++) {
      await scheduler.schedule({
        kind: "reminders.remind",
        guildId: GUILD_A,
        payload: { index },
        runAt: AT_TWO + (103 - index) * 60_000,
        id: `remind-${String(index).padStart(3, "0")}`,
      });
    }
    await scheduler.schedule({
      kind: "reminders.remind",
      guildId: GUILD_B,
      runAt: NOW + 60_000,
      id: "other",
    });

    const listed = await scheduler.list(GUILD_A);

    const pages = server.requests.filter(
      (request) => request.method === "GET" && request.path === "/schedules",
    );
    expect(pages.map((page) => page.query)).toEqual([
      { ScheduleGroup: GROUP, NamePrefix: `g${GUILD_A}-`, MaxResults: "100" },
      { ScheduleGroup: GROUP, NamePrefix: `g${GUILD_A}-`, MaxResults: "100", NextToken: expect.any(String) },
    ]);
    expect(listed).toHaveLength(103);
    expect(listed[0]).toMatchObject({ id: "remind-102", runAt: AT_TWO + 60_000, payload: { index: 102 } });
    expect(listed.map((task) => task.runAt)).toEqual(
      [...listed.map((task) => task.runAt)].sort((a, b) => a - b),
    );
    expect(listed.every((task) => task.guildId === GUILD_A)).toBe(true);
    expect((await scheduler.list(GUILD_B)).map((task) => task.id)).toEqual(["other"]);
  });

  it("rejects an id that cannot be part of a schedule name before calling the service", async () => {
    const { server, scheduler } = await serve();
    await expect(
      scheduler.schedule({ kind: "moderation.unban", guildId: GUILD_A, runAt: AT_TWO, id: "unban/42" }),
    ).rejects.toThrow(/schedule id/);
    await expect(scheduler.cancel(`${GUILD_A}-x`, "unban-42")).rejects.toThrow();
    expect(server.requests).toEqual([]);
  });

  it("surfaces the service's errors other than a conflict", async () => {
    const { scheduler } = await serve("no-such-group");
    await expect(
      scheduler.schedule({ kind: "moderation.unban", guildId: GUILD_A, runAt: AT_TWO, id: "unban-42" }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

import type { Task } from "@megawatts/core";
import { InMemoryDocumentStore } from "@megawatts/testing/data-fakes";
import { ManualClock } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import { LocalScheduler, type LocalSchedulerOptions } from "./local-scheduler.ts";

const GUILD_A = "81384788765712384";
const GUILD_B = "81384788765712999";
const NOW = Date.parse("2026-12-07T12:00:00Z");
const MINUTE = 60_000;

function setup(overrides: Partial<LocalSchedulerOptions> = {}) {
  const clock = new ManualClock(NOW);
  const store = new InMemoryDocumentStore(clock);
  const sent: Task[] = [];
  const make = (more: Partial<LocalSchedulerOptions> = {}) =>
    new LocalScheduler({
      store,
      clock,
      send: async (task) => {
        sent.push(task);
      },
      ...overrides,
      ...more,
    });
  return { clock, store, sent, scheduler: make(), make };
}

const unban = (runAt: number, id?: string, guildId = GUILD_A) => ({
  kind: "moderation.unban",
  guildId,
  payload: { userId: "80351110224678912" },
  runAt,
  ...(id ? { id } : {}),
});

describe("LocalScheduler one-shot tasks", () => {
  it("sends a task at its time, once, as a Task message", async () => {
    const { clock, sent, scheduler } = setup();
    const { id } = await scheduler.schedule(unban(NOW + 10 * MINUTE));

    clock.advance(10 * MINUTE - 1);
    expect(await scheduler.tick()).toEqual([]);
    clock.advance(1);
    await scheduler.tick();
    await scheduler.tick();

    expect(sent).toEqual([
      {
        v: 1,
        type: "task",
        id,
        kind: "moderation.unban",
        guildId: GUILD_A,
        payload: { userId: "80351110224678912" },
        scheduledFor: NOW + 10 * MINUTE,
        correlationId: id,
      },
    ]);
    expect(await scheduler.list(GUILD_A)).toEqual([]);
  });

  it("lists a guild's pending tasks soonest first", async () => {
    const { scheduler } = setup();
    await scheduler.schedule(unban(NOW + 3 * MINUTE, "c"));
    await scheduler.schedule(unban(NOW + MINUTE, "a"));
    await scheduler.schedule(unban(NOW + 2 * MINUTE, "b"));

    expect((await scheduler.list(GUILD_A)).map((task) => [task.id, task.runAt])).toEqual([
      ["a", NOW + MINUTE],
      ["b", NOW + 2 * MINUTE],
      ["c", NOW + 3 * MINUTE],
    ]);
  });

  it("keeps the first task when the same id is scheduled twice", async () => {
    const { scheduler } = setup();
    const first = await scheduler.schedule(unban(NOW + MINUTE, "unban-42"));
    const again = await scheduler.schedule({
      ...unban(NOW + 5 * MINUTE, "unban-42"),
      payload: { other: true },
    });

    expect(again).toEqual(first);
    expect(await scheduler.list(GUILD_A)).toHaveLength(1);
  });

  it("cancels a pending task once, and it is never sent", async () => {
    const { clock, sent, scheduler } = setup();
    await scheduler.schedule(unban(NOW + MINUTE, "unban-42"));

    expect(await scheduler.cancel(GUILD_A, "unban-42")).toBe(true);
    expect(await scheduler.cancel(GUILD_A, "unban-42")).toBe(false);
    clock.advance(MINUTE);
    await scheduler.tick();
    expect(sent).toEqual([]);
  });

  it("keeps guilds apart: another guild neither lists nor cancels a task", async () => {
    const { clock, sent, scheduler } = setup();
    await scheduler.schedule(unban(NOW + MINUTE, "unban-42", GUILD_A));

    expect(await scheduler.list(GUILD_B)).toEqual([]);
    expect(await scheduler.cancel(GUILD_B, "unban-42")).toBe(false);
    clock.advance(MINUTE);
    await scheduler.tick();
    expect(sent.map((task) => [task.id, task.guildId])).toEqual([["unban-42", GUILD_A]]);
  });

  it("sends a due task once when two loops on the same data tick together", async () => {
    const { clock, sent, scheduler, make } = setup();
    await scheduler.schedule(unban(NOW + MINUTE, "unban-42"));
    const other = make();

    clock.advance(MINUTE);
    await Promise.all([scheduler.tick(), other.tick(), scheduler.tick(), other.tick()]);

    expect(sent.map((task) => task.id)).toEqual(["unban-42"]);
  });

  it("sends a task again after a failed send once its claim has lapsed", async () => {
    const clock = new ManualClock(NOW);
    const store = new InMemoryDocumentStore(clock);
    const sent: string[] = [];
    let down = true;
    const scheduler = new LocalScheduler({
      store,
      clock,
      claimMs: MINUTE,
      send: async (task) => {
        if (down) throw new Error("queue unavailable");
        sent.push(task.id);
      },
    });
    await scheduler.schedule(unban(NOW, "unban-42"));

    await scheduler.tick();
    down = false;
    clock.advance(MINUTE - 1);
    await scheduler.tick();
    expect(sent).toEqual([]);
    expect(await scheduler.cancel(GUILD_A, "unban-42")).toBe(false);
    clock.advance(1);
    await scheduler.tick();
    expect(sent).toEqual(["unban-42"]);
  });

  it("runs a first pass as soon as its loop starts", async () => {
    const { sent, scheduler } = setup();
    await scheduler.schedule(unban(NOW - MINUTE, "overdue"));

    const loop = scheduler.start(60_000);
    await loop.stop();

    expect(sent.map((task) => task.id)).toEqual(["overdue"]);
  });
});

describe("LocalScheduler recurring tasks", () => {
  const health = { kind: "system.health", schedule: "rate(5 minutes)", description: "checks" };
  const tiers = { kind: "data.tiers", schedule: "cron(15 4 * * ? *)", description: "moves data" };

  it("starts from now and sends each occurrence once, named by kind and time", async () => {
    const { clock, sent, scheduler } = setup({ recurring: [health] });

    await scheduler.tick();
    clock.advance(4 * MINUTE);
    await scheduler.tick();
    expect(sent).toEqual([]);
    clock.advance(MINUTE);
    await scheduler.tick();
    await scheduler.tick();

    expect(sent).toEqual([
      {
        v: 1,
        type: "task",
        id: "system.health@2026-12-07T12:05:00Z",
        kind: "system.health",
        payload: {},
        scheduledFor: Date.parse("2026-12-07T12:05:00Z"),
        correlationId: "system.health@2026-12-07T12:05:00Z",
      },
    ]);
  });

  it("sends the latest missed occurrence once after a restart, not every one", async () => {
    const { clock, sent, scheduler, make } = setup({ recurring: [tiers] });
    await scheduler.tick();

    clock.advance(3 * 24 * 60 * MINUTE);
    const restarted = make();
    await Promise.all([restarted.tick(), make().tick()]);
    await restarted.tick();

    expect(sent.map((task) => task.id)).toEqual(["data.tiers@2026-12-10T04:15:00Z"]);
  });

  it("refuses to start with an expression EventBridge would refuse, naming the kind", () => {
    expect(() => setup({ recurring: [{ ...health, schedule: "cron(0 12 * * *)" }] })).toThrow(
      /system\.health/,
    );
  });
});

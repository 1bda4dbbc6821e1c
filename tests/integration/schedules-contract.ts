import { type Scheduler, type Task, TaskSchema } from "@megawatts/core";
import { describe, expect, it } from "vitest";

export const GUILD_A = "81384788765712384";
export const GUILD_B = "81384788765712999";
/** The test clock's start; every scheduler under contract starts here. */
export const NOW = Date.parse("2026-12-07T12:00:00Z");
const AT = NOW + 10 * 60_000;

export interface SchedulerUnderTest {
  scheduler: Scheduler;
  /** Runs what is due at `now` as that scheduler would, and returns the task messages sent. */
  runDue(now: number): Promise<Task[]>;
}

const unban = (guildId: string, id?: string, runAt = AT) => ({
  kind: "moderation.unban",
  guildId,
  payload: { userId: "80351110224678912" },
  runAt,
  ...(id ? { id } : {}),
});

/**
 * What every `Scheduler` adapter promises: idempotent ids, guilds kept apart, soonest first, a
 * cancelled task never runs, and a due task runs once as a `Task`.
 */
export function describeSchedulerContract(name: string, make: () => Promise<SchedulerUnderTest>) {
  describe(`${name}: the Scheduler contract`, () => {
    it("runs a task at its time, once, as a Task message", async () => {
      const { scheduler, runDue } = await make();
      const { id } = await scheduler.schedule(unban(GUILD_A));

      expect(await runDue(AT - 60_000)).toEqual([]);
      const ran = await runDue(AT);
      expect(await runDue(AT + 60_000)).toEqual([]);

      expect(ran.map((task) => TaskSchema.parse(task))).toEqual([
        {
          v: 1,
          type: "task",
          id,
          kind: "moderation.unban",
          guildId: GUILD_A,
          payload: { userId: "80351110224678912" },
          scheduledFor: AT,
          correlationId: id,
        },
      ]);
      expect(await scheduler.list(GUILD_A)).toEqual([]);
    });

    it("keeps the first task when an id is scheduled twice", async () => {
      const { scheduler } = await make();
      const first = await scheduler.schedule(unban(GUILD_A, "unban-42"));
      const again = await scheduler.schedule({ ...unban(GUILD_A, "unban-42", AT + 60_000), payload: {} });

      expect(again).toEqual(first);
      expect(await scheduler.list(GUILD_A)).toEqual([first]);
    });

    it("lists only the guild's tasks, soonest first", async () => {
      const { scheduler } = await make();
      await scheduler.schedule(unban(GUILD_A, "late", AT + 120_000));
      await scheduler.schedule(unban(GUILD_A, "early", AT));
      await scheduler.schedule(unban(GUILD_B, "other", AT + 60_000));

      expect((await scheduler.list(GUILD_A)).map((task) => task.id)).toEqual(["early", "late"]);
      expect((await scheduler.list(GUILD_B)).map((task) => task.id)).toEqual(["other"]);
    });

    it("cancels a pending task once, and it never runs", async () => {
      const { scheduler, runDue } = await make();
      await scheduler.schedule(unban(GUILD_A, "unban-42"));

      expect(await scheduler.cancel(GUILD_A, "unban-42")).toBe(true);
      expect(await scheduler.cancel(GUILD_A, "unban-42")).toBe(false);
      expect(await runDue(AT)).toEqual([]);
    });

    it("refuses to cancel another guild's task, which still runs", async () => {
      const { scheduler, runDue } = await make();
      await scheduler.schedule(unban(GUILD_B, "unban-42"));

      expect(await scheduler.cancel(GUILD_A, "unban-42")).toBe(false);
      expect((await runDue(AT)).map((task) => [task.id, task.guildId])).toEqual([["unban-42", GUILD_B]]);
    });

    it("refuses an id that cannot name a schedule", async () => {
      const { scheduler } = await make();
      await expect(scheduler.schedule(unban(GUILD_A, "unban/42"))).rejects.toThrow(/schedule id/);
    });
  });
}

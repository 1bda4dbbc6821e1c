import {
  type DocumentItem,
  type DocumentStore,
  type ItemKey,
  newId,
  type ScheduledTask,
  ScheduleIdSchema,
  type ScheduleRequest,
  ScheduleRequestSchema,
  type Task,
} from "@megawatts/core";
import { claim, holds, isClaimed } from "./claims.ts";

// A guild's one-shot tasks live in their own partition, named after the guild, so list and
// cancel cannot reach another guild. The due index (gsi1) is the one cross-guild view: the
// loop reads it to find what is due, ordered by time.
const taskPk = (guildId: string) => `SCHED#${guildId}`;
const taskKey = (guildId: string, id: string): ItemKey => ({ pk: taskPk(guildId), sk: `TASK#${id}` });
const DUE_PK = "SCHED#DUE";
const dueSk = (runAt: number) => String(runAt).padStart(15, "0");
const CLASS = "scheduled-task";

const toScheduled = (item: DocumentItem): ScheduledTask => ({
  id: item.sk.slice("TASK#".length),
  kind: String(item.data.kind),
  guildId: item.tenant,
  payload: item.data.payload ?? null,
  runAt: Number(item.data.runAt),
});

/** Puts a task on the jobs queue. */
export type SendTask = (task: Task) => Promise<void>;
/** Told about a send that failed; the task is tried again once its claim lapses. */
export type SendFailed = (task: Task, error: unknown) => void;

/** The queue message a one-shot task becomes when it is due. */
export const toTask = (scheduled: ScheduledTask): Task => ({
  v: 1,
  type: "task",
  id: scheduled.id,
  kind: scheduled.kind,
  guildId: scheduled.guildId,
  payload: scheduled.payload,
  scheduledFor: scheduled.runAt,
  correlationId: scheduled.id,
});

/** One-shot tasks kept as warm-tier items: create, cancel, list, and claim what is due. */
export class OneShotTasks {
  constructor(private readonly store: DocumentStore) {}

  async schedule(request: ScheduleRequest, now: number): Promise<ScheduledTask> {
    const { kind, guildId, payload = null, runAt, id: chosen } = ScheduleRequestSchema.parse(request);
    const id = chosen ?? newId("sch");
    const item: DocumentItem = {
      ...taskKey(guildId, id),
      cls: CLASS,
      v: 1,
      tenant: guildId,
      createdAt: now,
      updatedAt: now,
      gsi1pk: DUE_PK,
      gsi1sk: `${dueSk(runAt)}#${guildId}#${id}`,
      data: { kind, payload, runAt },
    };
    if (await holds(this.store.put(item, { ifAbsent: true }))) return toScheduled(item);
    // The id is taken: the first request wins, as an idempotency key should.
    const existing = await this.store.get(taskKey(guildId, id), { consistent: true });
    return existing ? toScheduled(existing) : this.schedule(request, now);
  }

  async cancel(guildId: string, id: string, now: number): Promise<boolean> {
    const key = taskKey(ScheduleRequestSchema.shape.guildId.parse(guildId), ScheduleIdSchema.parse(id));
    const item = await this.store.get(key, { consistent: true });
    // A claimed task is being sent right now: too late to cancel.
    if (!item || isClaimed(item, now)) return false;
    return holds(this.store.delete(key, { ifUnchanged: { updatedAt: item.updatedAt } }));
  }

  async list(guildId: string): Promise<ScheduledTask[]> {
    const pk = taskPk(ScheduleRequestSchema.shape.guildId.parse(guildId));
    const tasks: ScheduledTask[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query(pk, {
        sk: { prefix: "TASK#" },
        consistent: true,
        ...(cursor ? { cursor } : {}),
      });
      tasks.push(...page.items.map(toScheduled));
      cursor = page.cursor;
    } while (cursor);
    return tasks.sort((a, b) => a.runAt - b.runAt || a.id.localeCompare(b.id));
  }

  /**
   * Sends every task due by `now` through `send`, each once: claimed first, deleted after the
   * send. A failed send keeps the task, to be sent again once its claim lapses.
   */
  async sendDue(now: number, claimMs: number, send: SendTask, failed: SendFailed): Promise<Task[]> {
    const sent: Task[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.queryGsi1(DUE_PK, {
        sk: { to: dueSk(now + 1) },
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const item of page.items) {
        const claimed = await claim(this.store, item, now, claimMs);
        if (!claimed) continue;
        const task = toTask(toScheduled(claimed));
        try {
          await send(task);
        } catch (error) {
          failed(task, error);
          continue;
        }
        sent.push(task);
        const key = { pk: claimed.pk, sk: claimed.sk };
        await holds(this.store.delete(key, { ifUnchanged: { updatedAt: claimed.updatedAt } }));
      }
      cursor = page.cursor;
    } while (cursor);
    return sent;
  }
}

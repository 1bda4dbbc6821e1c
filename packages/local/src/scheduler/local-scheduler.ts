import {
  type Clock,
  type DocumentStore,
  type Logger,
  type RecurringSchedule,
  type ScheduledTask,
  type ScheduleRequest,
  type Scheduler,
  silentLogger,
  systemClock,
  type Task,
} from "@megawatts/core";
import { OneShotTasks, type SendTask } from "./one-shot.ts";
import { RecurringTasks } from "./recurring.ts";

export interface LocalSchedulerOptions {
  /** Where schedules are kept: the warm tier, which DynamoDB Local keeps under the data dir. */
  store: DocumentStore;
  /** Puts a due task on the jobs queue (see `sqsTaskSender`). */
  send: SendTask;
  /** Recurring schedules declared by the plugins. */
  recurring?: readonly RecurringSchedule[];
  clock?: Clock;
  logger?: Logger;
  /** How long a loop may take to send a task before another may send it again (default 60 s). */
  claimMs?: number;
}

export interface RunningScheduler {
  /** Ends the loop once the current pass has finished. */
  stop(): Promise<void>;
}

/**
 * The local runtime's scheduler: the same port as EventBridge Scheduler in AWS. One-shot tasks
 * are warm-tier items, so they survive a restart of `npm run dev`; `tick()` sends what is due
 * to the jobs queue as Task messages, each once even when two loops share the data; recurring
 * schedules run from their `rate(...)` or `cron(...)` expressions in UTC.
 *
 * @example
 * const scheduler = new LocalScheduler({ store, send: sqsTaskSender(clients.sqs, resources.jobsQueue.url), recurring });
 * const loop = scheduler.start();
 * await scheduler.schedule({ kind: "moderation.unban", guildId, payload: { userId }, runAt: Date.now() + 60_000 });
 * await loop.stop();
 */
export class LocalScheduler implements Scheduler {
  readonly #oneShot: OneShotTasks;
  readonly #recurring: RecurringTasks;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #claimMs: number;

  constructor(private readonly options: LocalSchedulerOptions) {
    this.#oneShot = new OneShotTasks(options.store);
    this.#recurring = new RecurringTasks(options.store, options.recurring ?? []);
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.#claimMs = options.claimMs ?? 60_000;
  }

  schedule(request: ScheduleRequest): Promise<ScheduledTask> {
    return this.#oneShot.schedule(request, this.#clock.now());
  }

  cancel(guildId: string, id: string): Promise<boolean> {
    return this.#oneShot.cancel(guildId, id, this.#clock.now());
  }

  list(guildId: string): Promise<ScheduledTask[]> {
    return this.#oneShot.list(guildId);
  }

  /** One pass: sends every one-shot and recurring task due by now; resolves what was sent. */
  async tick(): Promise<Task[]> {
    const now = this.#clock.now();
    const failed = (task: Task, error: unknown) =>
      this.#logger.warn("schedule.send-failed", { taskId: task.id, kind: task.kind, error });
    const sent = [
      ...(await this.#oneShot.sendDue(now, this.#claimMs, this.options.send, failed)),
      ...(await this.#recurring.sendDue(now, this.#claimMs, this.options.send, failed)),
    ];
    for (const task of sent) this.#logger.info("schedule.sent", { taskId: task.id, kind: task.kind });
    return sent;
  }

  /**
   * Ticks now and then every `intervalMs` (default 1 s) until stopped. A failed pass is logged
   * and the next one tries again.
   */
  start(intervalMs = 1_000): RunningScheduler {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let wake: () => void = () => {};
    const loop = async () => {
      while (!stopped) {
        try {
          await this.tick();
        } catch (error) {
          this.#logger.warn("schedule.tick-failed", { error });
        }
        if (stopped) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, intervalMs);
        });
      }
    };
    const finished = loop();
    return {
      async stop() {
        stopped = true;
        clearTimeout(timer);
        wake();
        await finished;
      },
    };
  }
}

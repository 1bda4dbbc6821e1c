import { isPluginEnabled, type PluginStateReader } from "../plugins/guild-state.ts";
import type { JobRegistry } from "../plugins/job-registry.ts";
import { type Clock, type Logger, type Metrics, withAttributes } from "../ports/observability.ts";
import type { Task } from "../schedules/task.ts";

export interface TaskDeps {
  jobs: JobRegistry;
  pluginStates: PluginStateReader;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  /** How long a task may run before its signal aborts (the worker's own time limit, less a margin). */
  timeLimitMs: number;
}

export type TaskOutcome = "done" | "skipped";

/**
 * Runs one scheduled task through its plugin's handler. A task for a plugin that is gone, or
 * turned off in the task's server, is skipped and logged; any error is thrown so the queue
 * retries the task and, in the end, dead-letters it.
 *
 * @example
 * await runTask(deps, TaskSchema.parse(JSON.parse(record.body)));
 */
export async function runTask(deps: TaskDeps, task: Task): Promise<TaskOutcome> {
  const logger = withAttributes(deps.logger, {
    taskId: task.id,
    taskKind: task.kind,
    correlationId: task.correlationId,
  });
  const handler = deps.jobs.task(task.kind);
  const manifest = deps.jobs.pluginOf(task.kind);
  if (!handler || !manifest) {
    logger.warn("task.unknown-kind");
    deps.metrics.count("task.outcome", 1, { kind: task.kind, outcome: "skipped" });
    return "skipped";
  }
  if (task.guildId && !isPluginEnabled(manifest, await deps.pluginStates.read(task.guildId))) {
    logger.info("task.plugin-off", { guildId: task.guildId });
    deps.metrics.count("task.outcome", 1, { kind: task.kind, outcome: "skipped" });
    return "skipped";
  }
  const started = deps.clock.now();
  try {
    await handler({
      task,
      payload: task.payload,
      signal: AbortSignal.timeout(deps.timeLimitMs),
      deadline: started + deps.timeLimitMs,
      logger,
      metrics: deps.metrics,
    });
  } catch (error) {
    deps.metrics.count("task.outcome", 1, { kind: task.kind, outcome: "failed" });
    throw error;
  }
  const latency = deps.clock.now() - started;
  logger.info("task.done", { latencyMs: latency, lateMs: started - task.scheduledFor });
  deps.metrics.count("task.outcome", 1, { kind: task.kind, outcome: "done" });
  deps.metrics.timing("task.latency", latency, { kind: task.kind });
  return "done";
}

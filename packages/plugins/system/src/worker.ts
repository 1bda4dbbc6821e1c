import {
  checkDependencies,
  defineWorkerPlugin,
  type Job,
  type PluginPorts,
  policyReport,
  type ResponderMessage,
  readHealthHistory,
  recordHealth,
  runTierMaintenance,
  snowflakeTime,
  type TaskContext,
} from "@megawatts/core";
import { manifest } from "./manifest.ts";
import { renderStatusTable } from "./status-table.ts";

const PROBE = { timeoutMs: 2_000, slowMs: 500 };

/**
 * Every five minutes: probe every dependency, log one line each, publish an `up` metric per
 * dependency, so alarms and dashboards see an outage before users do, and keep the results
 * (when each last changed state) for `/status`.
 */
async function healthTask(
  health: PluginPorts["health"],
  data: PluginPorts["data"],
  clock: PluginPorts["clock"],
  { logger, metrics }: TaskContext,
) {
  const statuses = await checkDependencies(health, PROBE);
  await recordHealth(data.documents, statuses, clock.now());
  for (const status of statuses) {
    if (status.state === "not configured") continue;
    logger[status.state === "down" ? "error" : "info"]("health.checked", { ...status });
    metrics.gauge("dependency.up", status.state === "down" ? 0 : 1, { dependency: status.name });
    metrics.timing("dependency.latency", status.latencyMs, { dependency: status.name });
  }
}

/**
 * Daily: move due items down the tiers (resuming any batch a crashed run left), apply
 * retention, then report what still breaks its class's policy. Logs counts only, never keys.
 * Throws when a guild failed, so the task is retried.
 */
async function tiersTask(data: PluginPorts["data"], { deadline, logger, metrics }: TaskContext) {
  const summary = await runTierMaintenance(data.deps, { deadline });
  const report = summary.more ? undefined : await policyReport(data.deps);
  const violations: Record<string, number> = {};
  for (const violation of report?.violations ?? []) {
    violations[violation.kind] = (violations[violation.kind] ?? 0) + 1;
  }
  logger.info("tiers.done", { ...summary, failed: summary.failed.length, violations });
  metrics.count("tiers.moved", summary.moved);
  metrics.count("tiers.deleted", summary.warmDeleted + summary.batchesDeleted);
  metrics.count("data.policy.violations", report?.violations.length ?? 0);
  if (summary.failed.length > 0) throw new Error(`tier job failed for ${summary.failed.length} guild(s)`);
}

/**
 * `/ping queue:true` from a worker: how long the interaction took to reach it, and how much of
 * that it waited in the job queue. It answers from the job alone, touching nothing else.
 */
function pongFromWorker(job: Job, now: number): ResponderMessage {
  const sinceCreated = Math.max(0, now - snowflakeTime(job.interaction.id));
  const queued = Math.max(0, now - job.enqueuedAt);
  return {
    content: `🏓 Pong from a worker — Discord → worker ≈ ${sinceCreated} ms, of which ≈ ${queued} ms from the job queue to this worker.`,
  };
}

/** What `/status` shows: every dependency's state now, and when each last changed. */
async function statusSnapshot(health: PluginPorts["health"], data: PluginPorts["data"]) {
  const statuses = await checkDependencies(health, PROBE);
  // The table may be what is down: the history is a nicety, the states are the answer.
  const history = await readHealthHistory(
    data.documents,
    statuses.map((status) => status.name),
  ).catch(() => undefined);
  return { statuses, history };
}

/** The worker half of the system plugin: `/status`, `/ping queue:true`, and the health and tier schedules. */
export const systemWorker = defineWorkerPlugin({
  manifest,
  needs: ["health", "data", "clock"],
  create: ({ health, data, clock }) => {
    // `/status` jobs running at once in a container share one round of probes: a crowd asking
    // during an incident costs each dependency one check, not one per member.
    let probing: ReturnType<typeof statusSnapshot> | undefined;
    const snapshot = () =>
      (probing ??= statusSnapshot(health, data).finally(() => {
        probing = undefined;
      }));
    return {
      jobs: {
        "system.ping": ({ job, reply }) => reply(pongFromWorker(job, clock.now())),
        "system.status": async ({ reply }) => {
          const { statuses, history } = await snapshot();
          const content = renderStatusTable(statuses, history, clock.now());
          await reply({ content, allowed_mentions: { parse: [] } });
        },
      },
      tasks: {
        "system.health": (context) => healthTask(health, data, clock, context),
        "system.tiers": (context) => tiersTask(data, context),
      },
    };
  },
});

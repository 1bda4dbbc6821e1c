import { policyReport, runTierMaintenance } from "@megawatts/core";
import { data, logger, metrics } from "../wiring/worker.ts";

// Stop starting new work this long before the Lambda's own timeout; the next run carries on.
const SAFETY_MS = 60_000;

/**
 * Daily: move due items down the tiers (resuming any batch a crashed run left), apply
 * retention, then report what still breaks its class's policy. Logs counts only, never keys.
 * Throws when a guild failed, so the invocation shows as failed and the schedule retries.
 */
export async function handler(_event: unknown, context?: { getRemainingTimeInMillis(): number }) {
  const deadline = Date.now() + (context?.getRemainingTimeInMillis() ?? 900_000) - SAFETY_MS;
  const summary = await runTierMaintenance(data.deps, { deadline });
  const report = summary.more ? undefined : await policyReport(data.deps);
  const violations: Record<string, number> = {};
  for (const violation of report?.violations ?? []) {
    violations[violation.kind] = (violations[violation.kind] ?? 0) + 1;
  }
  logger.info("tiers.done", { ...summary, failed: summary.failed.length, violations });
  metrics.addMetric("tiers.moved", "Count", summary.moved);
  metrics.addMetric("tiers.deleted", "Count", summary.warmDeleted + summary.batchesDeleted);
  metrics.addMetric("data.policy.violations", "Count", report?.violations.length ?? 0);
  metrics.publishStoredMetrics();
  if (summary.failed.length > 0) throw new Error(`tier job failed for ${summary.failed.length} guild(s)`);
  return { moved: summary.moved, more: summary.more, violations: report?.violations.length };
}

import { checkDependencies } from "@megawatts/core";
import { logger, metrics, services } from "../wiring/worker.ts";

/**
 * Every five minutes: probe every dependency, log one line each and publish an `up` metric
 * per dependency, so alarms and dashboards see an outage before users do.
 */
export async function handler() {
  const statuses = await checkDependencies(services.healthChecks, { timeoutMs: 2_000, slowMs: 500 });
  for (const status of statuses) {
    if (status.state === "not configured") continue;
    logger[status.state === "down" ? "error" : "info"]("health.checked", { ...status });
    const single = metrics.singleMetric();
    single.addDimension("dependency", status.name);
    single.addMetric("dependency.up", "Count", status.state === "down" ? 0 : 1);
  }
  metrics.publishStoredMetrics();
  return { down: statuses.filter((status) => status.state === "down").map((status) => status.name) };
}

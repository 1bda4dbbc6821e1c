import type { Metrics } from "@megawatts/core";
import { Counter, Gauge, type Registry, Summary } from "prom-client";

type Family = Counter<string> | Gauge<string> | Summary<string>;

/** `job.outcome` → `megawatts_job_outcome`: Prometheus names take letters, digits and underscores. */
function promName(name: string): string {
  return `megawatts_${name.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}

/**
 * The core metrics port on a prom-client registry, for `GET /metrics` on the dev server: a
 * count is a counter (`_total`), a gauge a gauge, a timing a summary in milliseconds with its
 * p50 and p99. Every series carries a `component` label (`ingress`, `worker`, …); the metric's
 * dimensions become its other labels, named at its first use.
 *
 * @example
 * const registry = new Registry();
 * const metrics = prometheusMetrics(registry, "worker");
 * metrics.count("job.outcome", 1, { kind: "knowledge.search", outcome: "done" });
 * await registry.metrics(); // megawatts_job_outcome_total{component="worker",kind=…,outcome="done"} 1
 */
export function prometheusMetrics(registry: Registry, component: string): Metrics {
  const family = <T extends Family>(
    name: string,
    dimensions: Record<string, string> | undefined,
    create: (config: { name: string; help: string; labelNames: string[]; registers: Registry[] }) => T,
  ) => {
    // Components share one registry, so the first to use a name declares it for all.
    const existing = registry.getSingleMetric(name) as T | undefined;
    const metric =
      existing ??
      create({
        name,
        help: `${name.replace(/^megawatts_/, "")} as the bot reports it`,
        labelNames: ["component", ...Object.keys(dimensions ?? {}).sort()],
        registers: [registry],
      });
    // Labels print in the order given: the component first, then the dimensions by name.
    const sorted = Object.entries(dimensions ?? {}).sort(([a], [b]) => a.localeCompare(b));
    return { metric, labels: { component, ...Object.fromEntries(sorted) } };
  };
  return {
    count(name, value = 1, dimensions) {
      const { metric, labels } = family(
        `${promName(name)}_total`,
        dimensions,
        (config) => new Counter(config),
      );
      metric.inc(labels, value);
    },
    gauge(name, value, dimensions) {
      const { metric, labels } = family(promName(name), dimensions, (config) => new Gauge(config));
      metric.set(labels, value);
    },
    timing(name, milliseconds, dimensions) {
      const { metric, labels } = family(
        `${promName(name)}_milliseconds`,
        dimensions,
        (config) => new Summary({ ...config, percentiles: [0.5, 0.99] }),
      );
      metric.observe(labels, milliseconds);
    },
  };
}

import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Metrics as CoreMetrics } from "@megawatts/core";

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/** CloudWatch EMF metrics under the "megawatts" namespace; flush with `flushMetrics()`. */
export function createMetrics(component: string): Metrics {
  return new Metrics({ namespace: "megawatts", serviceName: "megawatts", defaultDimensions: { component } });
}

/**
 * Publishes what an invocation stored, and nothing when it stored nothing (Powertools would
 * write a warning line instead).
 *
 * @example
 * const report = () => flushMetrics(metrics);
 */
export function flushMetrics(metrics: Metrics): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/** Adapts Powertools' Metrics to the core port. Dimensioned metrics go out as single-metric lines. */
export function toCoreMetrics(metrics: Metrics): CoreMetrics {
  // One single-metric instance serves every dimensioned metric: building one per call re-reads
  // its whole configuration (about 90 µs, most of a warm PING). It writes its line on each add
  // and then forgets the added dimensions, keeping the default ones.
  let single: Metrics | undefined;
  const add = (name: string, unit: Unit, value: number, dimensions?: Record<string, string>) => {
    if (!dimensions) return metrics.addMetric(name, unit, value);
    single ??= metrics.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
    single.addMetric(name, unit, value);
  };
  return {
    count: (name, value = 1, dimensions) => add(name, MetricUnit.Count, value, dimensions),
    gauge: (name, value, dimensions) => add(name, MetricUnit.Count, value, dimensions),
    timing: (name, milliseconds, dimensions) => add(name, MetricUnit.Milliseconds, milliseconds, dimensions),
  };
}

import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Logger as CoreLogger, Metrics as CoreMetrics } from "@megawatts/core";

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/**
 * One JSON line per event, with the service name and (in Lambda) the request id.
 * `POWERTOOLS_LOG_LEVEL` sets the level.
 *
 * @example
 * const logger = createLogger("ingress");
 */
export function createLogger(component: string): Logger {
  return new Logger({ serviceName: "megawatts", persistentKeys: { component } });
}

/** Adapts Powertools' Logger to the core port; attributes become top-level JSON keys. */
export function toCoreLogger(logger: Logger): CoreLogger {
  return {
    debug: (message, attributes = {}) => logger.debug(message, attributes),
    info: (message, attributes = {}) => logger.info(message, attributes),
    warn: (message, attributes = {}) => logger.warn(message, attributes),
    error: (message, attributes = {}) => logger.error(message, attributes),
  };
}

/** CloudWatch EMF metrics under the "megawatts" namespace; flush with `flushMetrics()`. */
export function createMetrics(component: string): Metrics {
  return new Metrics({ namespace: "megawatts", serviceName: "megawatts", defaultDimensions: { component } });
}

/**
 * Publishes what an invocation stored, and nothing when it stored nothing (Powertools would
 * write a warning line instead).
 *
 * @example
 * export const handler = createHttpHandler(endpoint, () => flushMetrics(metrics));
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
    timing: (name, milliseconds, dimensions) => add(name, MetricUnit.Milliseconds, milliseconds, dimensions),
  };
}

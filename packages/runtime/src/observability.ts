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

/** CloudWatch EMF metrics under the "megawatts" namespace; flush with `publishStoredMetrics()`. */
export function createMetrics(component: string): Metrics {
  return new Metrics({ namespace: "megawatts", serviceName: "megawatts", defaultDimensions: { component } });
}

/** Adapts Powertools' Metrics to the core port. Dimensioned metrics go out as single-metric lines. */
export function toCoreMetrics(metrics: Metrics): CoreMetrics {
  const add = (name: string, unit: Unit, value: number, dimensions?: Record<string, string>) => {
    const target = dimensions ? metrics.singleMetric() : metrics;
    if (dimensions)
      for (const [key, dimension] of Object.entries(dimensions)) target.addDimension(key, dimension);
    target.addMetric(name, unit, value);
  };
  return {
    count: (name, value = 1, dimensions) => add(name, MetricUnit.Count, value, dimensions),
    timing: (name, milliseconds, dimensions) => add(name, MetricUnit.Milliseconds, milliseconds, dimensions),
  };
}

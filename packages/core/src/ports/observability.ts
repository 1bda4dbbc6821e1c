/** Structured attributes attached to one log line. */
export type LogAttributes = Record<string, unknown>;

/**
 * One JSON line per event. Powertools' Logger satisfies this shape structurally.
 *
 * @example
 * logger.info("interaction.deferred", { interactionId, command: "status" });
 */
export interface Logger {
  debug(message: string, attributes?: LogAttributes): void;
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
}

/**
 * Counters, gauges and timings; the Lambda adapter writes CloudWatch EMF, the local one serves
 * Prometheus text at `GET /metrics`, tests read them back. A metric keeps the same dimension
 * names at every call.
 *
 * @example
 * metrics.count("command.used", 1, { command: "search", outcome: "deferred" });
 * metrics.gauge("breaker.open", 1, { service: "openai" });
 */
export interface Metrics {
  /** Adds `value` (default 1) to a running total. */
  count(name: string, value?: number, dimensions?: Record<string, string>): void;
  /** Reports a level that can go down as well as up (a queue depth, a dependency up or not). */
  gauge(name: string, value: number, dimensions?: Record<string, string>): void;
  timing(name: string, milliseconds: number, dimensions?: Record<string, string>): void;
}

/** Current time in epoch milliseconds; injected so deadlines can be tested. */
export interface Clock {
  now(): number;
}

/**
 * A logger that adds `attributes` to every line, so a job's correlation id follows each
 * line its handler writes.
 *
 * @example
 * const jobLogger = withAttributes(logger, { correlationId: job.correlationId });
 */
export function withAttributes(logger: Logger, attributes: LogAttributes): Logger {
  return {
    debug: (message, extra) => logger.debug(message, { ...attributes, ...extra }),
    info: (message, extra) => logger.info(message, { ...attributes, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...attributes, ...extra }),
    error: (message, extra) => logger.error(message, { ...attributes, ...extra }),
  };
}

export const systemClock: Clock = { now: () => Date.now() };

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export const noopMetrics: Metrics = { count() {}, gauge() {}, timing() {} };

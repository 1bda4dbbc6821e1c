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

/** Counters and timings; the Lambda adapter writes CloudWatch EMF, tests read them back. */
export interface Metrics {
  count(name: string, value?: number, dimensions?: Record<string, string>): void;
  timing(name: string, milliseconds: number, dimensions?: Record<string, string>): void;
}

/** Current time in epoch milliseconds; injected so deadlines can be tested. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export const noopMetrics: Metrics = { count() {}, timing() {} };

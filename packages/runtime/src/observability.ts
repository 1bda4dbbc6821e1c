import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type {
  Breakers,
  Logger as CoreLogger,
  Metrics as CoreMetrics,
  MultiLevelCache,
} from "@megawatts/core";
import type { Context } from "aws-lambda";
import { isFromLogLines } from "./log-metrics.ts";

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/**
 * One JSON line per event, with the service name and, in Lambda, the invocation's request id
 * (`function_request_id`, see `lambdaInvocation`). `POWERTOOLS_LOG_LEVEL` sets the level.
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
 * const report = () => flushMetrics(metrics);
 */
export function flushMetrics(metrics: Metrics): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/**
 * What a Lambda HTTP handler does around each invocation: the logger's lines carry the
 * invocation's request id and cold start (Powertools' `addContext`), and the metrics the
 * invocation stored go out at its end.
 *
 * @example
 * export const handler = createHttpHandler(endpoint, lambdaInvocation(logger, metrics));
 */
export function lambdaInvocation(logger: Logger, metrics: Metrics) {
  return {
    begin: (context: Context) => logger.addContext(context),
    end: () => flushMetrics(metrics),
  };
}

/**
 * Adapts Powertools' Metrics to the core port. Dimensioned metrics go out as single-metric lines.
 * With `fromLogLines`, the metrics CloudWatch derives from the function's log lines
 * (`metricsFromLogLines`) are not written again (the Lambda ingress).
 */
export function toCoreMetrics(metrics: Metrics, options: { fromLogLines?: boolean } = {}): CoreMetrics {
  // One single-metric instance serves every dimensioned metric: building one per call re-reads
  // its whole configuration (about 90 µs, most of a warm PING). It writes its line on each add
  // and then forgets the added dimensions, keeping the default ones.
  let single: Metrics | undefined;
  const add = (name: string, unit: Unit, value: number, dimensions?: Record<string, string>) => {
    if (options.fromLogLines && isFromLogLines(name)) return;
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

export interface ContainerSources {
  /** The container's breakers: each one's state is reported as `breaker.open` (0 closed, 1 otherwise). */
  breakers?: Breakers | undefined;
  /** The container's cache: hits and misses per level become `cache.hits` and `cache.misses`. */
  cacheStats?: MultiLevelCache["stats"] | undefined;
}

/**
 * What a worker container reports after each batch, from state it keeps between invocations:
 * each breaker's state, and the cache's hits and misses per level since the last report (the
 * hit ratio per level is hits / (hits + misses)).
 *
 * @example
 * const report = containerMetrics(metrics, { breakers, cacheStats: ports.cache.stats });
 * report(); // after each batch, before the metrics are flushed
 */
export function containerMetrics(metrics: CoreMetrics, sources: ContainerSources): () => void {
  let last = { l1: { hits: 0, misses: 0 }, l2: { hits: 0, misses: 0 } };
  return () => {
    for (const { service, state } of sources.breakers?.states() ?? [])
      metrics.gauge("breaker.open", state === "closed" ? 0 : 1, { service });
    const stats = sources.cacheStats?.();
    if (!stats) return;
    for (const level of ["l1", "l2"] as const) {
      metrics.count("cache.hits", stats[level].hits - last[level].hits, { level });
      metrics.count("cache.misses", stats[level].misses - last[level].misses, { level });
    }
    last = { l1: { ...stats.l1 }, l2: { ...stats.l2 } };
  };
}

/** An AWS SDK v3 client, as far as tracing needs it: its middleware stack. */
export interface TraceableClient {
  middlewareStack: { add: (...args: never[]) => void };
}

export interface SpanOptions {
  /** An X-Ray trace header (`Root=1-…;Parent=…;Sampled=1`) the span continues, e.g. from a queue message. */
  parent?: string | undefined;
  /** Searchable facts about the work, e.g. the interaction id (X-Ray annotations). */
  attributes?: Record<string, string>;
}

/**
 * Spans around the bot's own work and around every outside call, so one trace shows an
 * interaction from the ingress through the queue into the worker and its calls. In Lambda it
 * is X-Ray (Powertools Tracer under active tracing, see `tracing.ts`); locally the spans are
 * recorded in memory and shown by `npm run discord -- <command> --trace`.
 *
 * @example
 * await tracing.span("job knowledge.search", () => run(job), { parent: record.attributes.AWSTraceHeader });
 */
export interface Tracing {
  /** Runs `work` inside a span named `name`, a child of the current span or of `options.parent`. */
  span<T>(name: string, work: () => Promise<T>, options?: SpanOptions): Promise<T>;
  /** Adds a span for every command the AWS SDK client sends; returns the client. */
  instrument<C extends TraceableClient>(client: C): C;
  /** The current span as an X-Ray trace header, to carry across a queue. */
  header(): string | undefined;
}

/** Tracing that records nothing (tests, and runtimes that trace elsewhere). */
export const noTracing: Tracing = {
  span: (_name, work) => work(),
  instrument: (client) => client,
  header: () => undefined,
};

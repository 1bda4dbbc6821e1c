import type { Breakers, Metrics as CoreMetrics, MultiLevelCache } from "@megawatts/core";

export { createLogger, lambdaInvocation, toCoreLogger } from "./logger.ts";
export { createMetrics, flushMetrics, toCoreMetrics } from "./metrics.ts";

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

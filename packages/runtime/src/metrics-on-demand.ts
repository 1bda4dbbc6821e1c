import type { Metrics as CoreMetrics } from "@megawatts/core";

// Apart from metrics.ts, which imports Powertools' Metrics: what this module defers.

/** Metrics that can be flushed at the end of an invocation, the flush awaited. */
export interface FlushableMetrics {
  metrics: CoreMetrics;
  flush(): void | Promise<void>;
}

/**
 * Metrics whose implementation loads when the first metric is recorded: what is recorded
 * before it has loaded is kept, in order, and goes out at the next flush. Metrics named by
 * `skip` are dropped before anything loads (the Lambda ingress's ack time, which CloudWatch
 * derives from its log line), so a container that has answered only PINGs never loads
 * Powertools' Metrics.
 *
 * @example
 * const metrics = metricsOnDemand(async () => {
 *   const { createMetrics, flushMetrics, toCoreMetrics } = await import("./metrics.ts");
 *   const emf = createMetrics("ingress");
 *   return { metrics: toCoreMetrics(emf), flush: () => flushMetrics(emf) };
 * });
 */
export function metricsOnDemand(
  load: () => Promise<FlushableMetrics>,
  options: {
    skip?: (name: string) => boolean;
    /** When the implementation fails to load: the metrics it drops (the next metric tries again). */
    onError?: (error: unknown, dropped: number) => void;
  } = {},
): {
  metrics: CoreMetrics;
  flush(): Promise<void>;
} {
  let loaded: FlushableMetrics | undefined;
  let loading: Promise<FlushableMetrics> | undefined;
  const waiting: ((metrics: CoreMetrics) => void)[] = [];
  const record = (name: string, apply: (metrics: CoreMetrics) => void) => {
    if (options.skip?.(name)) return;
    if (loaded) return apply(loaded.metrics);
    waiting.push(apply);
    if (loading) return;
    loading = load().then((metrics) => {
      loaded = metrics;
      return metrics;
    });
    // A failed load is the flush's to report: until then it must not count as unhandled (Node
    // would end the process), however long the invocation runs before its flush.
    loading.catch(() => {});
  };
  return {
    metrics: {
      count: (...args) => record(args[0], (metrics) => metrics.count(...args)),
      gauge: (...args) => record(args[0], (metrics) => metrics.gauge(...args)),
      timing: (...args) => record(args[0], (metrics) => metrics.timing(...args)),
    },
    async flush() {
      if (!loading) return;
      let metrics: FlushableMetrics;
      try {
        metrics = await loading;
      } catch (error) {
        // A metric must not cost an interaction its answer: say what was dropped, try again later.
        loading = undefined;
        options.onError?.(error, waiting.splice(0).length);
        return;
      }
      for (const apply of waiting.splice(0)) apply(metrics.metrics);
      await metrics.flush();
    },
  };
}

import type { DependencyKind, HealthCheck } from "../ports/health.ts";

export type DependencyState = "up" | "degraded" | "down" | "not configured";

export interface DependencyStatus {
  name: string;
  kind: DependencyKind;
  state: DependencyState;
  latencyMs: number;
  detail?: string;
}

export interface CheckOptions {
  /** A probe that takes longer is aborted and reported down. */
  timeoutMs: number;
  /** A probe that answers but takes longer than this is reported degraded. */
  slowMs: number;
}

async function probe(check: HealthCheck, options: CheckOptions): Promise<DependencyStatus> {
  const started = performance.now();
  const signal = AbortSignal.timeout(options.timeoutMs);
  const base = { name: check.name, kind: check.kind };
  try {
    const aborted = new Promise<never>((_, reject) =>
      signal.addEventListener("abort", () => reject(new Error(`no answer within ${options.timeoutMs} ms`))),
    );
    const result = await Promise.race([check.check(signal), aborted]);
    const latencyMs = Math.round(performance.now() - started);
    if (result?.configured === false) return { ...base, state: "not configured", latencyMs: 0 };
    const state = latencyMs > options.slowMs || result?.degraded ? "degraded" : "up";
    return { ...base, state, latencyMs, ...(result?.detail ? { detail: result.detail } : {}) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ...base, state: "down", latencyMs: Math.round(performance.now() - started), detail };
  }
}

/**
 * Probes every dependency at once, each under its own timeout, and never throws.
 *
 * @example
 * const statuses = await checkDependencies(checks, { timeoutMs: 2000, slowMs: 500 });
 */
export function checkDependencies(
  checks: readonly HealthCheck[],
  options: CheckOptions,
): Promise<DependencyStatus[]> {
  return Promise.all(checks.map((check) => probe(check, options)));
}

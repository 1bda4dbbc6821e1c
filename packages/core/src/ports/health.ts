/** The kinds of dependency `/status` reports on. */
export type DependencyKind =
  | "queue"
  | "table"
  | "bucket"
  | "cache"
  | "keys"
  | "vector-index"
  | "model"
  | "discord"
  | "breakers";

/**
 * One dependency of the bot that can be probed. `check` resolves when the dependency answers,
 * rejects when it does not, and must honour `signal` (aborted at the probe's timeout).
 * Return `{ configured: false }` for a dependency this deployment does not use.
 */
export interface HealthCheck {
  name: string;
  kind: DependencyKind;
  check(
    signal: AbortSignal,
  ): Promise<{ configured?: boolean; detail?: string; degraded?: boolean } | undefined>;
}

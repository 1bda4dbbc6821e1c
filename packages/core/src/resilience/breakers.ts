import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from "cockatiel";
import type { HealthCheck } from "../ports/health.ts";
import { classifyFailure } from "./failure.ts";

/** The outside services a worker guards with a breaker. */
export type GuardedService = "openai" | "pinecone" | "github" | "upstash" | "discord";

export type BreakerState = "closed" | "open" | "half-open" | "isolated";

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "isolated",
};

export interface BreakerOptions {
  /** Consecutive transient failures that open a breaker (default 5). */
  failures?: number;
  /** How long an open breaker refuses calls before it lets one through (default 30 s). */
  halfOpenAfterMs?: number;
}

/**
 * Circuit breakers for a worker container, one per outside service (cockatiel's consecutive
 * breaker). Only transient failures count: a 4xx or a validation error says nothing about the
 * service's health. An open breaker fails calls at once with cockatiel's `BrokenCircuitError`,
 * which counts as transient, so the job is retried later and callers with a fallback use it.
 *
 * @example
 * const breakers = new Breakers();
 * const answer = await breakers.run("openai", () => chat.complete(prompt));
 * breakers.states(); // [{ service: "openai", state: "closed" }, ...]
 */
export class Breakers {
  readonly #policies = new Map<GuardedService, CircuitBreakerPolicy>();
  readonly #options: Required<BreakerOptions>;

  constructor(options: BreakerOptions = {}) {
    this.#options = { failures: options.failures ?? 5, halfOpenAfterMs: options.halfOpenAfterMs ?? 30_000 };
  }

  #policy(service: GuardedService): CircuitBreakerPolicy {
    let policy = this.#policies.get(service);
    if (!policy) {
      policy = circuitBreaker(
        handleWhen((error) => classifyFailure(error) === "transient"),
        {
          halfOpenAfter: this.#options.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(this.#options.failures),
        },
      );
      this.#policies.set(service, policy);
    }
    return policy;
  }

  /** Runs `call` through the service's breaker. */
  run<T>(service: GuardedService, call: () => Promise<T>): Promise<T> {
    return this.#policy(service).execute(() => call());
  }

  /** Each guarded service that has been called, with its breaker's state. */
  states(): { service: GuardedService; state: BreakerState }[] {
    return [...this.#policies].map(([service, policy]) => ({ service, state: STATE_NAMES[policy.state] }));
  }
}

/** Whether an error is an open breaker's refusal (the call never reached the service). */
export function isBrokenCircuit(error: unknown): boolean {
  return error instanceof BrokenCircuitError;
}

/**
 * A `/status` row for the breakers: degraded while any is open, with each one's state.
 *
 * @example
 * healthChecks.push(breakerHealthCheck(breakers));
 */
export function breakerHealthCheck(breakers: Breakers): HealthCheck {
  return {
    name: "circuit breakers",
    kind: "breakers",
    async check() {
      const states = breakers.states();
      const open = states.filter((entry) => entry.state === "open" || entry.state === "isolated");
      const detail =
        states.length === 0
          ? "no calls yet"
          : states.map((entry) => `${entry.service} ${entry.state}`).join(", ");
      return { detail, ...(open.length > 0 ? { degraded: true } : {}) };
    },
  };
}

import type { HealthCheck } from "@megawatts/core";
import type { Redis } from "@upstash/redis";

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Probes the hot tier with `PING`. The client offers no per-command abort, so the probe stops
 * waiting when `signal` aborts (the request itself may still finish in the background).
 *
 * @example
 * const check = upstashHealthCheck(new Redis({ url, token }));
 * await check.check(AbortSignal.timeout(2000)); // { detail: "PONG" }
 */
export function upstashHealthCheck(redis: Redis): HealthCheck {
  return {
    name: "cache",
    kind: "cache",
    async check(signal) {
      const reply = await abortable(redis.ping(), signal);
      if (reply !== "PONG") throw new Error(`unexpected PING reply: ${String(reply).slice(0, 40)}`);
      return { detail: reply };
    },
  };
}

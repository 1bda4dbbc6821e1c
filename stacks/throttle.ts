/** What API Gateway lets through per second on every route of the HTTP API. */
export interface ApiThrottle {
  /** Steady requests per second. */
  rate: number;
  /** Requests allowed at once above the steady rate (the token bucket's size). */
  burst: number;
}

/**
 * The design's target: 500 interactions/s, with room for bursts (a command announced in a busy
 * server arrives as many clicks in the same second). API Gateway answers 429 beyond it, which
 * caps what a flood can cost; Discord retries nothing, so the cap must sit above real traffic.
 */
export const DEFAULT_API_THROTTLE: ApiThrottle = { rate: 500, burst: 1_000 };

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${name} must be a whole number of requests per second above 0, not "${value}"`);
  return number;
}

/**
 * This stage's throttle: `MEGAWATTS_API_RATE` and `MEGAWATTS_API_BURST` when the deploy sets
 * them (CI sets them per stage), the default otherwise. A wrong value stops the deploy.
 *
 * @example
 * MEGAWATTS_API_RATE=50 MEGAWATTS_API_BURST=100 npx sst deploy --stage alice
 */
export function apiThrottle(env: Record<string, string | undefined> = process.env): ApiThrottle {
  const rate = env.MEGAWATTS_API_RATE
    ? positiveInteger("MEGAWATTS_API_RATE", env.MEGAWATTS_API_RATE)
    : DEFAULT_API_THROTTLE.rate;
  // Without its own burst, a stage may take twice its rate at once, as the default does.
  const burst = env.MEGAWATTS_API_BURST
    ? positiveInteger("MEGAWATTS_API_BURST", env.MEGAWATTS_API_BURST)
    : 2 * rate;
  if (burst < rate)
    throw new Error(`MEGAWATTS_API_BURST (${burst}) must be at least MEGAWATTS_API_RATE (${rate})`);
  return { rate, burst };
}

import type { TenantCaches } from "../cache/ports.ts";
import type { Clock } from "../ports/observability.ts";

export interface DangerousLimit {
  /** How many dangerous calls of one tool a server may make per window. */
  max: number;
  windowSeconds: number;
}

export const DEFAULT_DANGEROUS_LIMIT: DangerousLimit = { max: 5, windowSeconds: 60 };

/**
 * A sliding-window limit per server and tool, held in the hot tier (so every worker sees it):
 * `take` resolves with the seconds to wait when the window is full, or 0 after counting the call.
 *
 * @example
 * const wait = await limiter.take(guildId, "member_ban"); // 0, or seconds until a slot frees
 */
export function createDangerousLimiter(deps: { cache: TenantCaches; clock: Clock; limit?: DangerousLimit }) {
  const limit = deps.limit ?? DEFAULT_DANGEROUS_LIMIT;
  const windowMs = limit.windowSeconds * 1000;
  return {
    limit,
    async take(guildId: string, tool: string): Promise<number> {
      const cache = deps.cache.tenant(guildId);
      const key = `tools:rate:${tool}`;
      const now = deps.clock.now();
      const raw = await cache.get(key);
      const recent = (raw ? (JSON.parse(raw) as number[]) : []).filter((at) => at > now - windowMs);
      if (recent.length >= limit.max)
        return Math.max(1, Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000));
      recent.push(now);
      await cache.set(key, JSON.stringify(recent), { ttlSeconds: limit.windowSeconds });
      return 0;
    },
  };
}
export type DangerousLimiter = ReturnType<typeof createDangerousLimiter>;

import { randomBytes } from "node:crypto";
import { type LocalRedis, startRedis, startUpstashBridge, type UpstashBridge } from "@megawatts/local";
import { createClient } from "@redis/client";
import { Redis, type RedisConfigNodejs } from "@upstash/redis";

const directClient = (url: string) => createClient({ url });
type DirectClient = ReturnType<typeof directClient>;

export interface CacheServers {
  redis: LocalRedis;
  bridge: UpstashBridge;
  /** The real Upstash client, as production builds it (base64 replies, auto-pipelining). */
  upstash(options?: Partial<RedisConfigNodejs>): Redis;
  /** A plain Redis connection, to look at what the Upstash side really stored. */
  direct: DirectClient;
  close(): Promise<void>;
}

/**
 * A real redis-server and the Upstash REST bridge in front of it. Fails, never skips, when
 * redis-server is missing: `.ci/run` installs it.
 */
export async function startCacheServers(): Promise<CacheServers> {
  const redis = await startRedis();
  if (!redis) throw new Error("redis-server is not installed: apt-get install -y redis-server");
  const bridge = await startUpstashBridge({ redisUrl: redis.url, token: randomBytes(16).toString("hex") });
  const direct = directClient(redis.url);
  direct.on("error", () => {});
  await direct.connect();
  return {
    redis,
    bridge,
    direct,
    upstash: (options = {}) =>
      new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false, ...options }),
    close: async () => {
      await direct.close();
      await bridge.close();
      await redis.close();
    },
  };
}

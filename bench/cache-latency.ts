import { type Cache, createMultiLevelCache } from "@megawatts/core";
import { startRedis, startUpstashBridge } from "@megawatts/local";
import { UpstashCache } from "@megawatts/storage/upstash";
import { createClient } from "@redis/client";
import { Redis } from "@upstash/redis";
import { type Summary, summarize } from "./lib/stats.ts";
import type { Figure } from "./lib/table.ts";

const KEYS = 2_000;
const WARMUP = 200;
const L1_ROUNDS = 10;
// About the size of a sealed message envelope.
const VALUE = JSON.stringify({ v: 1, iv: "a".repeat(16), ct: "b".repeat(240), tag: "c".repeat(24) });
const key = (i: number) => `g:81384788765712384:bench:${i}`;

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push(performance.now() - started);
  return result;
}

function check(value: string | null | undefined, what: string) {
  if (typeof value !== "string" || !value.includes(VALUE))
    throw new Error(`${what} read the wrong value: ${value}`);
}

async function measure(l2: Cache, rawGet: (key: string) => Promise<string | null>) {
  const writer = createMultiLevelCache({ l1: { maxEntries: 1, ttlMs: 1 }, l2 });
  for (let i = -WARMUP; i < KEYS; i++) await writer.set(key(i), VALUE, { ttlSeconds: 600 });
  const reader = createMultiLevelCache({ l1: { maxEntries: KEYS + WARMUP, ttlMs: 600_000 }, l2 });
  for (let i = -WARMUP; i < 0; i++) check((await reader.get(key(i))) ?? (await rawGet(key(i))), "warm-up");

  const l2Hit: number[] = [];
  const direct: number[] = [];
  // Interleaved key by key, so drift touches both paths alike. Each key is new to this L1.
  for (let i = 0; i < KEYS; i++) {
    check(await timed(l2Hit, () => reader.get(key(i))), "L2 hit");
    check(await timed(direct, () => rawGet(key(i))), "raw GET");
  }
  const l1Hit: number[] = [];
  for (let round = 0; round < L1_ROUNDS; round++) {
    for (let i = 0; i < KEYS; i++) check(await timed(l1Hit, () => reader.get(key(i))), "L1 hit");
  }
  const { l1, l2: second } = reader.stats();
  if (second.hits !== KEYS + WARMUP || l1.hits !== KEYS * L1_ROUNDS)
    throw new Error("reads hit the wrong level");
  return { l1Hit: summarize(l1Hit), l2Hit: summarize(l2Hit), direct: summarize(direct) };
}

function rows(name: string, measured: Summary, baseline: Summary): Figure[] {
  return (["p50", "p99"] as const).map((stat) => ({
    name: `${name} ${stat}`,
    unit: "µs",
    measured: measured[stat] * 1000,
    baseline: baseline[stat] * 1000,
    digits: 0,
  }));
}

/**
 * Get latency for an L1 hit and for an L2 hit through the real Upstash client and the REST
 * bridge, each beside a plain `GET` with `@redis/client` on the same redis-server.
 */
export async function measureCacheLatency(): Promise<{ figures: Figure[]; notes: string[] }> {
  const redis = await startRedis();
  if (!redis) {
    return {
      figures: [],
      notes: ["redis-server is not installed: no latency figures (apt-get install redis-server)"],
    };
  }
  const bridge = await startUpstashBridge({ redisUrl: redis.url, token: "bench" });
  const raw = createClient({ url: redis.url });
  raw.on("error", () => {});
  try {
    await raw.connect();
    const upstash = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
    const result = await measure(new UpstashCache(upstash), (k) => raw.get(k));
    return {
      figures: [
        ...rows("get, L1 hit", result.l1Hit, result.direct),
        ...rows("get, L2 hit via bridge", result.l2Hit, result.direct),
      ],
      notes: [
        `latency over ${KEYS.toLocaleString("en-US")} keys of ${VALUE.length} bytes; baseline: GET with @redis/client straight to the same redis-server, interleaved with the L2 reads`,
        "L2 path: multi-level get → UpstashCache → @upstash/redis (base64 replies, auto-pipelining) → HTTP bridge → redis-server",
      ],
    };
  } finally {
    await raw.close().catch(() => {});
    await bridge.close();
    await redis.close();
  }
}

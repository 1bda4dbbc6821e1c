import { type Cache, createMemoryCache, createMultiLevelCache } from "@megawatts/core";
import { ManualClock } from "@megawatts/testing/fakes";
import { measureCacheLatency } from "./cache-latency.ts";
import type { Section } from "./lib/section.ts";
import type { Figure } from "./lib/table.ts";

const KEYS = 10_000;
const READS = 100_000;
const ZIPF_S = 1.1;
const L1 = { maxEntries: 1_000, ttlMs: 5_000 };
const TTL_SECONDS = 300;
// Simulated time: one container serving 1,000 reads a second, so L1's TTL really expires.
const MS_PER_READ = 1;

/** A small seeded generator (mulberry32), so every run reads the same sequence. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Key ranks drawn from a Zipf distribution: rank k is read with weight 1 / k^s. */
function zipfSequence(keys: number, s: number, reads: number, random: () => number): number[] {
  const cdf = new Float64Array(keys);
  let total = 0;
  for (let k = 0; k < keys; k++) {
    total += 1 / (k + 1) ** s;
    cdf[k] = total;
  }
  return Array.from({ length: reads }, () => {
    const target = random() * total;
    let low = 0;
    let high = keys - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cdf[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  });
}

/** Counts what reaches a cache, to compare round trips to L2. */
function counting(cache: Cache) {
  const calls = { gets: 0, hits: 0, sets: 0 };
  const counted: Cache = {
    ...cache,
    get: async (key) => {
      calls.gets++;
      const value = await cache.get(key);
      if (value !== undefined) calls.hits++;
      return value;
    },
    set: (key, value, options) => {
      calls.sets++;
      return cache.set(key, value, options);
    },
  };
  return { cache: counted, calls };
}

/** Read-through over `front`: a miss loads the value and stores it. Returns the hit count. */
async function replay(front: Cache, sequence: number[], clock: { advance(ms: number): void }) {
  let hits = 0;
  for (const rank of sequence) {
    const key = `g:81384788765712384:msg:${rank}`;
    if ((await front.get(key)) !== undefined) hits++;
    else await front.set(key, `{"rank":${rank}}`, { ttlSeconds: TTL_SECONDS });
    clock.advance(MS_PER_READ);
  }
  return hits;
}

async function hitRatios() {
  const sequence = zipfSequence(KEYS, ZIPF_S, READS, seeded(11));
  const clock = new ManualClock();
  const shared = counting(createMemoryCache({ maxEntries: KEYS, clock }));
  const multi = createMultiLevelCache({ l1: L1, l2: shared.cache, clock });
  const multiHits = await replay(multi, sequence, clock);

  const aloneClock = new ManualClock();
  const alone = counting(createMemoryCache({ maxEntries: KEYS, clock: aloneClock }));
  const aloneHits = await replay(alone.cache, sequence, aloneClock);

  const percent = (part: number) => (100 * part) / READS;
  const perThousand = (calls: { gets: number; sets: number }) => ((calls.gets + calls.sets) * 1_000) / READS;
  const figures: Figure[] = [
    {
      name: "hit ratio, L1 + L2",
      unit: "%",
      measured: percent(multiHits),
      baseline: percent(aloneHits),
      target: { atLeast: 90 },
    },
    {
      name: "reads answered from L1 (in process)",
      unit: "%",
      measured: percent(multi.stats().l1.hits),
      baseline: 0,
    },
    {
      name: "L2 round trips per 1,000 reads",
      unit: "calls",
      measured: perThousand(shared.calls),
      baseline: perThousand(alone.calls),
      digits: 0,
    },
  ];
  const distinct = new Set(sequence).size;
  return {
    figures,
    notes: [
      `${distinct.toLocaleString("en-US")} distinct keys read: every first read is a miss at any level`,
    ],
  };
}

export const cacheHitRatio: Section = {
  id: "cache",
  title: `Hot-tier cache: ${READS.toLocaleString("en-US")} Zipf (s = ${ZIPF_S}) reads over ${KEYS.toLocaleString("en-US")} keys, read-through; latency through the Upstash bridge`,
  async run() {
    const ratios = await hitRatios();
    const latency = await measureCacheLatency();
    return {
      figures: [...ratios.figures, ...latency.figures],
      notes: [
        `measured: L1 (${L1.maxEntries.toLocaleString("en-US")} entries, ${L1.ttlMs / 1000} s TTL) over L2; baseline: L2 alone. L2 here is the in-memory cache with Redis's semantics (ratios do not depend on the transport); simulated clock, ${MS_PER_READ} ms per read`,
        ...ratios.notes,
        ...latency.notes,
      ],
    };
  },
};

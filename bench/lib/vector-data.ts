import type { VectorFilter, VectorMatch, VectorMetadata, VectorRecord } from "@megawatts/core";

export const CHANNELS = 10;
const T0 = Date.parse("2026-01-01T00:00:00Z");

/** A deterministic generator (mulberry32) of numbers in [-0.5, 0.5). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296 - 0.5;
  };
}

/**
 * `count` deterministic records of `dims` dimensions for one guild: vectors from a seeded
 * generator around 64 topic centres (chat clusters by topic), ten channels, 200 authors.
 */
export function makeRecords(guildId: string, count: number, dims: number, seed = 1): VectorRecord[] {
  const random = seededRandom(seed);
  const centres = Array.from({ length: 64 }, () => Float32Array.from({ length: dims }, random));
  return Array.from({ length: count }, (_, i) => {
    const centre = centres[i % centres.length] as Float32Array;
    const vector = Float32Array.from(centre, (value) => value + random() * 0.8);
    const metadata: VectorMetadata = {
      guildId,
      channelId: String(100 + (i % CHANNELS)),
      authorId: String(1_000 + ((i * 7) % 200)),
      createdAt: T0 + i * 60_000,
      kind: "message",
    };
    return { id: `${metadata.channelId}:${i}:0`, vector, metadata };
  });
}

/**
 * The plain way to search: for every record compute the cosine (norms included) after the
 * metadata check, sort everything, keep the best `topK`. The baseline the index is measured against.
 */
export function bruteForce(
  records: readonly VectorRecord[],
  query: Float32Array,
  topK: number,
  filter?: VectorFilter,
) {
  const scored: VectorMatch[] = [];
  for (const record of records) {
    if (filter?.channelId !== undefined && record.metadata.channelId !== filter.channelId) continue;
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < query.length; i++) {
      const x = query[i] as number;
      const y = record.vector[i] as number;
      dot += x * y;
      a += x * x;
      b += y * y;
    }
    scored.push({ id: record.id, score: dot / Math.sqrt(a * b), metadata: record.metadata });
  }
  return scored.sort((x, y) => y.score - x.score).slice(0, topK);
}

/** Share of the baseline's ids that the index also returned (1 when both are exact). */
export function overlap(found: readonly VectorMatch[], expected: readonly VectorMatch[]): number {
  const ids = new Set(found.map((match) => match.id));
  return expected.length === 0 ? 1 : expected.filter((match) => ids.has(match.id)).length / expected.length;
}

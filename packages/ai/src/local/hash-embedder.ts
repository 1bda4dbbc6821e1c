import type { EmbeddingModel, Embeddings } from "@megawatts/core";
import { type FeatureGroups, features, words } from "./text-features.ts";

/** The local embedder's vector length: small enough to scan 100k vectors fast, big enough to spread features. */
export const LOCAL_EMBEDDING_DIMENSIONS = 384;

// How much each feature group counts once each is scaled to unit length: shared words matter
// most, character n-grams let "deploy" meet "deployment", word pairs reward shared phrasing.
const GROUP_WEIGHTS = { words: 1, grams: 0.6, pairs: 0.45 } as const;

export interface HashEmbedderOptions {
  /** Default 384. */
  dimensions?: number;
}

/**
 * A deterministic embedder that runs in process with nothing to download: each word, word
 * pair and character 3–5-gram is hashed (signed feature hashing) into a fixed number of
 * dimensions, weighted by sublinear term frequency, and the vector is L2-normalised. Texts
 * that share words score well above unrelated texts; it knows no synonyms. `tokens` counts
 * words (nothing is billed).
 *
 * @example
 * const model = createHashEmbedder();
 * const { vectors } = await model.embed(["the build fails at login"]); // one Float32Array(384)
 */
export function createHashEmbedder(options: HashEmbedderOptions = {}): EmbeddingModel {
  const dimensions = options.dimensions ?? LOCAL_EMBEDDING_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 8)
    throw new RangeError("dimensions must be an integer ≥ 8");
  return {
    id: "local:hash-v1",
    dimensions,
    async embed(texts: string[]): Promise<Embeddings> {
      const vectors = texts.map((text) => embedText(text, dimensions));
      const tokens = texts.reduce((sum, text) => sum + words(text).length, 0);
      return { vectors, tokens };
    },
  };
}

/**
 * One text's vector (what `embed` returns for it).
 *
 * @example
 * embedText("hello world", 384).length // 384
 */
export function embedText(text: string, dimensions: number): Float32Array {
  const groups = features(text);
  const vector = new Float32Array(dimensions);
  const scratch = new Float32Array(dimensions);
  for (const name of ["words", "grams", "pairs"] as const) {
    scratch.fill(0);
    hashInto(scratch, groups[name]);
    addScaled(vector, scratch, GROUP_WEIGHTS[name]);
  }
  // Text with no words still needs a direction: all such texts share this one.
  if (norm(vector) === 0) hashInto(vector, new Map([["empty", 1]]));
  return scale(vector, 1 / norm(vector));
}

function hashInto(target: Float32Array, group: FeatureGroups["words"]): void {
  for (const [feature, weight] of group) {
    const hash = fmix32(fnv1a(feature));
    const sign = hash & 0x8000_0000 ? -1 : 1;
    const slot = (hash >>> 0) % target.length;
    target[slot] = (target[slot] ?? 0) + sign * weight;
  }
}

/** Adds `source` scaled to length `weight`; an empty group adds nothing. */
function addScaled(target: Float32Array, source: Float32Array, weight: number): void {
  const length = norm(source);
  if (length === 0) return;
  const factor = weight / length;
  for (let i = 0; i < target.length; i++) target[i] = (target[i] ?? 0) + (source[i] ?? 0) * factor;
}

function norm(vector: Float32Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
}

function scale(vector: Float32Array, factor: number): Float32Array {
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * factor;
  return vector;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// MurmurHash3's finaliser: spreads FNV's weak low bits over the whole word.
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

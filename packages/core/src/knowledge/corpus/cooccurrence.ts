/** Length of the vectors learned from a guild's corpus. */
export const CORPUS_DIMENSIONS = 256;
const NONZERO = 8;

/**
 * Which terms appear together in a guild's chunks, reduced to dense vectors by random
 * indexing: every term has a fixed sparse random ±1 vector, and a term's context vector is the
 * sum of the random vectors of the terms it shared a chunk with. Terms used in the same
 * conversations ("stringing", "hairs", "retraction") end up pointing the same way even when
 * they never occur in one message. The sums are additive, so removing a chunk subtracts
 * exactly what adding it added: erasure leaves no trace of an erased member's words.
 * Terms are the index's keyed hashes, never words.
 *
 * @example
 * const model = new Cooccurrence();
 * model.add(["h1", "h2", "h3"], 1);
 * model.context("h1"); // Float32Array(256), the random vectors of h2 and h3 summed
 */
export class Cooccurrence {
  readonly #context = new Map<string, Float32Array>();
  readonly #random = new Map<string, Int32Array>();
  /** The sum of every context vector: its direction is what all terms share. */
  readonly total = new Float32Array(CORPUS_DIMENSIONS);

  get terms(): number {
    return this.#context.size;
  }

  /** Adds (sign 1) or removes (sign −1) one chunk's distinct terms. */
  add(terms: Iterable<string>, sign: 1 | -1): void {
    const unique = [...new Set(terms)];
    if (unique.length < 2) return;
    const sum = new Float32Array(CORPUS_DIMENSIONS);
    for (const term of unique) addSparse(sum, this.randomVector(term), 1);
    for (const term of unique) {
      let context = this.#context.get(term);
      if (!context) {
        context = new Float32Array(CORPUS_DIMENSIONS);
        this.#context.set(term, context);
      }
      for (let i = 0; i < CORPUS_DIMENSIONS; i++) context[i] = (context[i] ?? 0) + sign * (sum[i] ?? 0);
      addSparse(context, this.randomVector(term), -sign);
      if (sign < 0 && isZero(context)) this.#context.delete(term);
    }
    for (let i = 0; i < CORPUS_DIMENSIONS; i++)
      this.total[i] = (this.total[i] ?? 0) + sign * (unique.length - 1) * (sum[i] ?? 0);
  }

  /** A term's context vector, or `undefined` when it never shared a chunk. */
  context(term: string): Float32Array | undefined {
    return this.#context.get(term);
  }

  /** A term's fixed sparse random vector: positions (1-based, negative for −1). */
  randomVector(term: string): Int32Array {
    let vector = this.#random.get(term);
    if (!vector) {
      vector = sparseRandom(term);
      this.#random.set(term, vector);
    }
    return vector;
  }
}

function addSparse(target: Float32Array, sparse: Int32Array, weight: number): void {
  for (const signed of sparse) {
    const at = Math.abs(signed) - 1;
    target[at] = (target[at] ?? 0) + (signed > 0 ? weight : -weight);
  }
}

// Float sums of added-then-subtracted integers come back to exactly zero.
const isZero = (vector: Float32Array) => vector.every((value) => value === 0);

/** NONZERO distinct positions and signs, seeded by the term (FNV-1a, then xorshift). */
function sparseRandom(term: string): Int32Array {
  let seed = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) seed = Math.imul(seed ^ term.charCodeAt(i), 0x01000193);
  const out = new Int32Array(NONZERO);
  const used = new Set<number>();
  for (let n = 0; n < NONZERO; ) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const at = (seed >>> 0) % CORPUS_DIMENSIONS;
    if (used.has(at)) continue;
    used.add(at);
    out[n++] = (seed & 0x80000000 ? -1 : 1) * (at + 1);
  }
  return out;
}

/**
 * A text's vector from its terms' context vectors: each unit-length, its share of the common
 * direction removed, weighted by the term's IDF, summed and scaled to unit length (all zeros
 * when no term has a context).
 *
 * @example
 * documentVector(model, ["h1", "h2"], (term) => 1.5)
 */
export function documentVector(
  model: Cooccurrence,
  terms: readonly string[],
  idf: (term: string) => number,
  overlay?: Cooccurrence,
): Float32Array {
  const out = new Float32Array(CORPUS_DIMENSIONS);
  const common = unit(addVectors(model.total, overlay?.total));
  for (const term of new Set(terms)) {
    const context = addVectors(model.context(term), overlay?.context(term));
    if (!context) continue;
    const direction = unit(context);
    const shared = dot(direction, common);
    const weight = idf(term);
    for (let i = 0; i < CORPUS_DIMENSIONS; i++)
      out[i] = (out[i] ?? 0) + weight * ((direction[i] ?? 0) - shared * (common[i] ?? 0));
  }
  return unit(out);
}

function addVectors(a: Float32Array | undefined, b: Float32Array | undefined): Float32Array | undefined {
  if (!a || !b) return a ?? b;
  return a.map((value, i) => value + (b[i] ?? 0));
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function unit(vector: Float32Array | undefined): Float32Array {
  if (!vector) return new Float32Array(CORPUS_DIMENSIONS);
  const length = Math.sqrt(dot(vector, vector));
  return length === 0 ? new Float32Array(vector.length) : vector.map((value) => value / length);
}

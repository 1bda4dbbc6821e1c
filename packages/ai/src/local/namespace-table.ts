import type { VectorFilter, VectorMetadata } from "@megawatts/core";

/**
 * One namespace's records in memory: unit vectors packed row by row in one Float32Array (so a
 * scan walks memory in order), ids and metadata beside them, and an id → row map. Deleting
 * moves the last row into the hole, keeping rows dense. The fields filters test are also kept
 * as columns (channel, author and kind as numbered strings, `createdAt` as a number), so a
 * filter over 100,000 rows compares numbers in typed arrays rather than reading objects.
 *
 * @example
 * const table = new NamespaceTable(384);
 * table.put("2:3:0", vector, metadata);
 * table.matrix(); // Float32Array(384)
 */
export class NamespaceTable {
  #vectors: Float32Array;
  readonly #ids: string[] = [];
  readonly #metadata: VectorMetadata[] = [];
  readonly #rowOf = new Map<string, number>();
  readonly #channels = new Codes();
  readonly #authors = new Codes();
  readonly #kinds = new Codes();
  #channel = new Int32Array(64);
  #author = new Int32Array(64);
  #kind = new Int32Array(64);
  #createdAt = new Float64Array(64);

  constructor(readonly dims: number) {
    this.#vectors = new Float32Array(dims * 64);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** Inserts or replaces a record; the vector is scaled to unit length as it is copied in. */
  put(id: string, vector: Float32Array, metadata: VectorMetadata): void {
    let row = this.#rowOf.get(id);
    if (row === undefined) {
      row = this.#ids.length;
      this.#grow(row + 1);
      this.#ids.push(id);
      this.#metadata.push(metadata);
      this.#rowOf.set(id, row);
    } else {
      this.#metadata[row] = metadata;
      this.#release(row);
    }
    this.#channel[row] = this.#channels.code(metadata.channelId);
    this.#author[row] = this.#authors.code(metadata.authorId);
    this.#kind[row] = this.#kinds.code(metadata.kind);
    this.#createdAt[row] = metadata.createdAt;
    let sum = 0;
    for (const value of vector) sum += value * value;
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    const offset = row * this.dims;
    for (let i = 0; i < this.dims; i++) this.#vectors[offset + i] = (vector[i] ?? 0) * scale;
  }

  /** Removes a record; false when there was none. */
  remove(id: string): boolean {
    const row = this.#rowOf.get(id);
    if (row === undefined) return false;
    const last = this.#ids.length - 1;
    this.#release(row);
    if (row !== last) {
      const lastId = this.#ids[last] as string;
      this.#vectors.copyWithin(row * this.dims, last * this.dims, (last + 1) * this.dims);
      this.#ids[row] = lastId;
      this.#metadata[row] = this.#metadata[last] as VectorMetadata;
      this.#channel[row] = this.#channel[last] as number;
      this.#author[row] = this.#author[last] as number;
      this.#kind[row] = this.#kind[last] as number;
      this.#createdAt[row] = this.#createdAt[last] as number;
      this.#rowOf.set(lastId, row);
    }
    this.#ids.pop();
    this.#metadata.pop();
    this.#rowOf.delete(id);
    return true;
  }

  /** Rows 0…size−1 as one matrix view starting at its buffer's first byte. */
  matrix(): Float32Array {
    return this.#vectors.subarray(0, this.#ids.length * this.dims);
  }

  /** The rows whose metadata passes the filter (as `matchesVectorFilter` decides), in row order. */
  rowsMatching(filter: VectorFilter): Int32Array {
    const size = this.#ids.length;
    // A string no row holds has no code: nothing can match it.
    const wanted = (codes: Codes, value: string | undefined) =>
      value === undefined ? ANY : (codes.find(value) ?? NONE);
    const channel = wanted(this.#channels, filter.channelId);
    const author = wanted(this.#authors, filter.authorId);
    const kind = wanted(this.#kinds, filter.kind);
    if (channel === NONE || author === NONE || kind === NONE) return new Int32Array(0);
    const after = filter.after ?? Number.NEGATIVE_INFINITY;
    const before = filter.before ?? Number.POSITIVE_INFINITY;
    const rows = new Int32Array(size);
    let count = 0;
    for (let row = 0; row < size; row++) {
      if (channel !== ANY && this.#channel[row] !== channel) continue;
      if (author !== ANY && this.#author[row] !== author) continue;
      if (kind !== ANY && this.#kind[row] !== kind) continue;
      const at = this.#createdAt[row] as number;
      if (!(at >= after && at <= before)) continue;
      rows[count++] = row;
    }
    return rows.subarray(0, count);
  }

  idAt(row: number): string {
    return this.#ids[row] as string;
  }

  metadataAt(row: number): VectorMetadata {
    return this.#metadata[row] as VectorMetadata;
  }

  /** A copy of one row's (unit) vector. */
  vectorAt(row: number): Float32Array {
    return this.#vectors.slice(row * this.dims, (row + 1) * this.dims);
  }

  #release(row: number): void {
    this.#channels.release(this.#channel[row] as number);
    this.#authors.release(this.#author[row] as number);
    this.#kinds.release(this.#kind[row] as number);
  }

  #grow(rows: number): void {
    if (rows * this.dims <= this.#vectors.length) return;
    const capacity = Math.max(rows, (this.#vectors.length / this.dims) * 2);
    const next = new Float32Array(capacity * this.dims);
    next.set(this.#vectors);
    this.#vectors = next;
    this.#channel = grown(this.#channel, capacity);
    this.#author = grown(this.#author, capacity);
    this.#kind = grown(this.#kind, capacity);
    this.#createdAt = grown(this.#createdAt, capacity);
  }
}

const ANY = -1;
const NONE = -2;

/**
 * Numbers for the strings of one metadata field that rows hold, counted, so a string no row
 * holds any more (an erased member's id) is forgotten. Codes are never reused.
 */
class Codes {
  readonly #codes = new Map<string, { code: number; rows: number }>();
  readonly #values = new Map<number, string>();
  #next = 0;

  /** The string's code, counting one more row that holds it. */
  code(value: string): number {
    let entry = this.#codes.get(value);
    if (!entry) {
      entry = { code: this.#next++, rows: 0 };
      this.#codes.set(value, entry);
      this.#values.set(entry.code, value);
    }
    entry.rows++;
    return entry.code;
  }

  /** One row fewer holds the string of `code`. */
  release(code: number): void {
    const value = this.#values.get(code);
    const entry = value === undefined ? undefined : this.#codes.get(value);
    if (!entry || value === undefined || --entry.rows > 0) return;
    this.#codes.delete(value);
    this.#values.delete(code);
  }

  find(value: string): number | undefined {
    return this.#codes.get(value)?.code;
  }
}

function grown<T extends Int32Array | Float64Array>(column: T, capacity: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity);
  next.set(column);
  return next;
}

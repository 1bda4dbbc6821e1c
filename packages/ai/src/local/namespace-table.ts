import { matchesVectorFilter, type VectorFilter, type VectorMetadata } from "@megawatts/core";

/**
 * One namespace's records in memory: unit vectors packed row by row in one Float32Array (so a
 * scan walks memory in order), ids and metadata beside them, and an id → row map. Deleting
 * moves the last row into the hole, keeping rows dense.
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
    }
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
    if (row !== last) {
      const lastId = this.#ids[last] as string;
      this.#vectors.copyWithin(row * this.dims, last * this.dims, (last + 1) * this.dims);
      this.#ids[row] = lastId;
      this.#metadata[row] = this.#metadata[last] as VectorMetadata;
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

  /** The rows whose metadata passes the filter. */
  rowsMatching(filter: VectorFilter): Int32Array {
    const rows: number[] = [];
    for (let row = 0; row < this.#metadata.length; row++) {
      if (matchesVectorFilter(this.#metadata[row] as VectorMetadata, filter)) rows.push(row);
    }
    return Int32Array.from(rows);
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

  #grow(rows: number): void {
    if (rows * this.dims <= this.#vectors.length) return;
    const next = new Float32Array(Math.max(rows, (this.#vectors.length / this.dims) * 2) * this.dims);
    next.set(this.#vectors);
    this.#vectors = next;
  }
}

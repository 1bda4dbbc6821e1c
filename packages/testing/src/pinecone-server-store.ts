import { matchesPineconeFilter } from "./pinecone-server-filter.ts";

export interface StoredVector {
  id: string;
  values: number[];
  metadata?: Record<string, unknown>;
}

/** Raised for a request Pinecone would reject with 400 (code 3, INVALID_ARGUMENT). */
export class PineconeArgumentError extends Error {
  override name = "PineconeArgumentError";
}

/**
 * The records of a Pinecone index, by namespace, with exact cosine search: what the
 * Pinecone-protocol test server serves from.
 *
 * @example
 * const store = new PineconeStore(8);
 * store.upsert("ns", [{ id: "a", values: [1, 0, 0, 0, 0, 0, 0, 0] }]);
 */
export class PineconeStore {
  readonly namespaces = new Map<string, Map<string, StoredVector>>();

  constructor(public dimension: number | undefined) {}

  #space(namespace: string): Map<string, StoredVector> {
    let space = this.namespaces.get(namespace);
    if (!space) {
      space = new Map();
      this.namespaces.set(namespace, space);
    }
    return space;
  }

  upsert(namespace: string, vectors: StoredVector[]): number {
    if (!Array.isArray(vectors) || vectors.length === 0 || vectors.length > 1000) {
      throw new PineconeArgumentError("upsert takes 1 to 1000 vectors per request");
    }
    for (const vector of vectors) this.#checkDimension(vector.values);
    const space = this.#space(namespace);
    for (const vector of vectors) space.set(vector.id, structuredClone(vector));
    return vectors.length;
  }

  query(namespace: string, values: number[], topK: number, filter: unknown) {
    this.#checkDimension(values);
    const space = this.namespaces.get(namespace) ?? new Map<string, StoredVector>();
    return [...space.values()]
      .filter((vector) => matchesPineconeFilter(vector.metadata ?? {}, filter))
      .map((vector) => ({ vector, score: cosine(values, vector.values) }))
      .sort((a, b) => b.score - a.score || (a.vector.id < b.vector.id ? -1 : 1))
      .slice(0, topK);
  }

  /** Deletes and returns how many were removed. */
  delete(namespace: string, request: { ids?: string[]; deleteAll?: boolean; filter?: unknown }): number {
    const space = this.namespaces.get(namespace);
    if (!space) return 0;
    if (request.deleteAll) {
      this.namespaces.delete(namespace);
      return space.size;
    }
    if (request.ids) {
      if (request.ids.length > 1000)
        throw new PineconeArgumentError("delete takes at most 1000 ids per request");
      return request.ids.filter((id) => space.delete(id)).length;
    }
    const doomed = [...space.values()].filter((vector) =>
      matchesPineconeFilter(vector.metadata ?? {}, request.filter),
    );
    for (const vector of doomed) space.delete(vector.id);
    return doomed.length;
  }

  /** Ids with the prefix in bitwise order, from after `after`, at most `limit`. */
  list(namespace: string, prefix: string, limit: number, after: string | undefined): string[] {
    const ids = [...(this.namespaces.get(namespace)?.keys() ?? [])]
      .filter((id) => id.startsWith(prefix) && (after === undefined || id > after))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return ids.slice(0, limit);
  }

  #checkDimension(values: unknown): void {
    if (!Array.isArray(values) || values.some((value) => typeof value !== "number")) {
      throw new PineconeArgumentError("values must be an array of numbers");
    }
    this.dimension ??= values.length;
    if (values.length !== this.dimension) {
      throw new PineconeArgumentError(
        `Vector dimension ${values.length} does not match the dimension of the index ${this.dimension}`,
      );
    }
  }
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    normA += (a[i] ?? 0) ** 2;
    normB += (b[i] ?? 0) ** 2;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  assertErasureFilter,
  assertNamespace,
  assertTopK,
  checkVector,
  checkVectorRecords,
  type ErasureFilter,
  type VectorIndex,
  type VectorMatch,
  type VectorQuery,
  type VectorRecord,
} from "@megawatts/core";
import { type FullScan, jsFullScan, loadNativeScan } from "./exact-scan.ts";
import { LOCAL_EMBEDDING_DIMENSIONS } from "./hash-embedder.ts";
import { applyOps, NamespaceLog } from "./namespace-log.ts";
import { NamespaceTable } from "./namespace-table.ts";
import { searchTable } from "./search-table.ts";
import type { LogOp } from "./vector-log.ts";

export interface LocalVectorIndexOptions {
  /** Default 384, the local embedder's. */
  dimensions?: number;
  /** Where each namespace keeps its log file (e.g. `<MEGAWATTS_DATA_DIR>/vectors`); memory only when omitted. */
  dir?: string;
  /** `auto` (default) scans with usearch when it is installed; `js` always scans in JavaScript. */
  scan?: "auto" | "js";
}

interface Space {
  table: NamespaceTable;
  apply(ops: readonly LogOp[]): Promise<void>;
  /** Drops deleted records from disk. */
  compact(): Promise<void>;
}

/**
 * Opens the embedded vector index of the local runtime: exact cosine search, one table per
 * namespace (guild), loaded on first use and persisted as an append-only log per namespace.
 *
 * Chosen by measurement (100k × 384, top-10, 2 cores): usearch's exact SIMD scan ≈ 21 ms,
 * a plain JavaScript scan ≈ 51 ms, sqlite-vec ≈ 56 ms (24 ms at 10 % selectivity, which the
 * JavaScript scan of prefiltered rows does in ≈ 7 ms). So unfiltered queries use usearch,
 * filtered ones scan the rows metadata lets through, and persistence is a small log rather
 * than a database that compiles from source at install.
 *
 * @example
 * const index = await openLocalVectorIndex({ dir: join(config.dataDir, "vectors") });
 * await index.upsert(guildId, records);
 * const matches = await index.query(guildId, vector, { topK: 5, filter: { channelId } });
 */
export async function openLocalVectorIndex(options: LocalVectorIndexOptions = {}): Promise<LocalVectorIndex> {
  const native = options.scan === "js" ? undefined : await loadNativeScan();
  if (options.dir) await mkdir(options.dir, { recursive: true });
  return new LocalVectorIndex(options.dimensions ?? LOCAL_EMBEDDING_DIMENSIONS, options.dir, native);
}

/** The local `VectorIndex`; build it with `openLocalVectorIndex`. */
export class LocalVectorIndex implements VectorIndex {
  readonly #spaces = new Map<string, Promise<Space>>();
  readonly #writes = new Map<string, Promise<unknown>>();

  constructor(
    readonly dimensions: number,
    private readonly dir: string | undefined,
    private readonly native: FullScan | undefined,
  ) {}

  /** Which full scan answers unfiltered queries. */
  get engine(): "usearch" | "js" {
    return this.native ? "usearch" : "js";
  }

  async upsert(namespace: string, records: VectorRecord[]): Promise<void> {
    checkVectorRecords(namespace, records, this.dimensions);
    const ops = records.map(({ id, vector, metadata }): LogOp => ({ op: "upsert", id, vector, metadata }));
    await this.#write(namespace, async (space) => space.apply(ops));
  }

  async query(namespace: string, vector: Float32Array, query: VectorQuery): Promise<VectorMatch[]> {
    assertNamespace(namespace);
    assertTopK(query.topK);
    checkVector(vector, this.dimensions);
    const { table } = await this.#space(namespace);
    return searchTable(table, vector, query, this.native ?? jsFullScan, this.native !== undefined);
  }

  async delete(namespace: string, ids: string[]): Promise<void> {
    assertNamespace(namespace);
    await this.#write(namespace, (space) => space.apply(ids.map((id): LogOp => ({ op: "delete", id }))));
  }

  async deleteByFilter(namespace: string, filter: ErasureFilter): Promise<number> {
    assertNamespace(namespace);
    assertErasureFilter(filter);
    return this.#write(namespace, async (space) => {
      const rows = space.table.rowsMatching(filter);
      const ops = Array.from(rows, (row): LogOp => ({ op: "delete", id: space.table.idAt(row) }));
      await space.apply(ops);
      // An erased member's vectors and metadata must not linger in the log file.
      if (ops.length > 0) await space.compact();
      return ops.length;
    });
  }

  /** How many records a namespace holds. */
  async count(namespace: string): Promise<number> {
    assertNamespace(namespace);
    return (await this.#space(namespace)).table.size;
  }

  /** Writes to one namespace run one at a time, in call order. */
  #write<T>(namespace: string, work: (space: Space) => Promise<T>): Promise<T> {
    const previous = this.#writes.get(namespace) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => work(await this.#space(namespace)));
    this.#writes.set(namespace, next);
    return next;
  }

  #space(namespace: string): Promise<Space> {
    let space = this.#spaces.get(namespace);
    if (!space) {
      space = this.#load(namespace);
      this.#spaces.set(namespace, space);
      space.catch(() => this.#spaces.delete(namespace));
    }
    return space;
  }

  async #load(namespace: string): Promise<Space> {
    if (!this.dir) {
      const table = new NamespaceTable(this.dimensions);
      return { table, apply: async (ops) => applyOps(table, ops), compact: async () => {} };
    }
    const log = await NamespaceLog.open(join(this.dir, `${namespace}.vectors`), this.dimensions);
    return { table: log.table, apply: (ops) => log.apply(ops), compact: () => log.compact() };
  }
}

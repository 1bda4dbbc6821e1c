import { appendFile, open, readFile, rename, truncate, writeFile } from "node:fs/promises";
import { NamespaceTable } from "./namespace-table.ts";
import { decodeHeader, decodeOps, encodeHeader, encodeOps, HEADER_BYTES, type LogOp } from "./vector-log.ts";

/** A vector log file that cannot be used: not a log, or written for another dimension. */
export class VectorLogError extends Error {
  override name = "VectorLogError";
}

/**
 * One namespace's append-only log on disk and the table replayed from it. Writes go to the
 * file first and to memory after, so memory never holds what the file lost. The file is
 * rewritten with only the live records when dead frames outnumber them.
 *
 * @example
 * const log = await NamespaceLog.open(".data/vectors/81384788765712384.vectors", 384);
 * await log.apply([{ op: "delete", id: "2:3:0" }]);
 */
export class NamespaceLog {
  #frames: number;
  #exists: boolean;

  private constructor(
    readonly path: string,
    readonly table: NamespaceTable,
    frames: number,
    exists: boolean,
  ) {
    this.#frames = frames;
    this.#exists = exists;
  }

  static async open(path: string, dims: number): Promise<NamespaceLog> {
    const table = new NamespaceTable(dims);
    const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (!bytes) return new NamespaceLog(path, table, 0, false);
    const fileDims = decodeHeader(bytes);
    if (fileDims === undefined) throw new VectorLogError(`${path} is not a vector log`);
    if (fileDims !== dims)
      throw new VectorLogError(`${path} holds ${fileDims}-dimension vectors, not ${dims}`);
    const { ops, validBytes } = decodeOps(bytes.subarray(HEADER_BYTES), dims);
    // Drop a frame torn by a crash, so the next append starts on a frame boundary.
    if (HEADER_BYTES + validBytes < bytes.length) await truncate(path, HEADER_BYTES + validBytes);
    applyOps(table, ops);
    const log = new NamespaceLog(path, table, ops.length, true);
    await log.#compactIfWasteful();
    return log;
  }

  /** Appends the operations to the file, then applies them to the table. */
  async apply(ops: readonly LogOp[]): Promise<void> {
    if (ops.length === 0) return;
    if (!this.#exists) {
      await writeFile(this.path, encodeHeader(this.table.dims), { flag: "wx" }).catch(ignoreExists);
      this.#exists = true;
    }
    await appendFile(this.path, encodeOps(ops));
    this.#frames += ops.length;
    applyOps(this.table, ops);
    await this.#compactIfWasteful();
  }

  async #compactIfWasteful(): Promise<void> {
    if (this.#frames <= 2 * this.table.size + 1_000) return;
    await this.compact();
  }

  /** Rewrites the file with only the live records, so nothing deleted stays on disk (erasure). */
  async compact(): Promise<void> {
    if (!this.#exists || this.#frames === this.table.size) return;
    const live: LogOp[] = [];
    for (let row = 0; row < this.table.size; row++) {
      live.push({
        op: "upsert",
        id: this.table.idAt(row),
        metadata: this.table.metadataAt(row),
        vector: this.table.vectorAt(row),
      });
    }
    const next = `${this.path}.compact`;
    const file = await open(next, "w");
    try {
      await file.write(Buffer.concat([encodeHeader(this.table.dims), encodeOps(live)]));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(next, this.path);
    this.#frames = live.length;
  }
}

/** Applies operations to a table in order (what replaying a log does). */
export function applyOps(table: NamespaceTable, ops: readonly LogOp[]): void {
  for (const entry of ops) {
    if (entry.op === "upsert") table.put(entry.id, entry.vector, entry.metadata);
    else table.remove(entry.id);
  }
}

function ignoreExists(error: NodeJS.ErrnoException): void {
  if (error.code !== "EEXIST") throw error;
}

import type { ColdBatch, ColdItemRef } from "./cold-index.ts";
import type { DataDeps } from "./deps.ts";
import { TransactionConditionError } from "./errors.ts";
import { revise, revisionOf } from "./items.ts";
import { tenantPk } from "./keys.ts";
import { deleteChunks, type MigrationPointer } from "./migration-pointer.ts";
import type { WriteOp } from "./ports.ts";

/** Raised when another run moved the same migration forward meanwhile; this run stops. */
export class MigrationRaceError extends Error {
  override name = "MigrationRaceError";
  constructor(readonly batchSk: string) {
    super(`another run is finishing cold batch ${batchSk}`);
  }
}

/**
 * Deletes one chunk of warm originals in one transaction with the progress update, each
 * delete conditioned on the revision the item was selected at. Items that changed (or were
 * deleted by their owner) since make the transaction fail; they are recorded as skipped and
 * the chunk is retried without them, so they stay warm and leave the batch.
 */
async function deleteChunk(
  deps: DataDeps,
  batch: ColdBatch,
  pointer: MigrationPointer,
  index: number,
  chunk: readonly ColdItemRef[],
): Promise<MigrationPointer> {
  const pk = tenantPk(batch.ref.tenant);
  const skipped = new Set(pointer.progress.skipped);
  let pending = chunk.filter((ref) => !skipped.has(ref.sk));
  const newlySkipped: string[] = [];
  for (;;) {
    const progress = {
      ...pointer.progress,
      doneChunks: [...pointer.progress.doneChunks, index],
      skipped: [...pointer.progress.skipped, ...newlySkipped],
    };
    const next = revise(pointer.item, progress, deps.clock.now());
    const ops: WriteOp[] = pending.map((ref) => ({
      delete: { pk, sk: ref.sk },
      condition: { ifUnchanged: { updatedAt: ref.updatedAt, accessedAt: ref.accessedAt ?? null } },
    }));
    ops.push({ put: next, condition: { ifUnchanged: revisionOf(pointer.item) } });
    try {
      await deps.store.transact(ops);
      return { item: next, progress };
    } catch (error) {
      if (!(error instanceof TransactionConditionError)) throw error;
      if (error.failed.includes(pending.length)) throw new MigrationRaceError(progress.batchSk);
      const failed = new Set(error.failed.map((at) => pending[at]?.sk));
      newlySkipped.push(...pending.filter((ref) => failed.has(ref.sk)).map((ref) => ref.sk));
      pending = pending.filter((ref) => !failed.has(ref.sk));
    }
  }
}

/**
 * Step 4: deletes the warm originals of a written batch, chunk by chunk, resuming after the
 * chunks a previous run finished.
 */
export async function deleteOriginals(
  deps: DataDeps,
  batch: ColdBatch,
  pointer: MigrationPointer,
): Promise<MigrationPointer> {
  let current = pointer;
  const chunks = deleteChunks(batch.data.items);
  for (const [index, chunk] of chunks.entries()) {
    if (current.progress.doneChunks.includes(index)) continue;
    current = await deleteChunk(deps, batch, current, index, chunk);
    await deps.fault?.("chunk-deleted", batch.ref);
  }
  if (current.progress.skipped.length > 0) {
    deps.logger.info("tiers.items-stayed-warm", {
      tenant: batch.ref.tenant,
      cls: batch.ref.cls,
      batchId: batch.ref.batchId,
      count: current.progress.skipped.length,
    });
  }
  return current;
}

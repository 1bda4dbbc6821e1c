import { z } from "zod";
import type { ColdBatch } from "./cold-index.ts";
import { type ColdBatchRef, coldBatchSk, migrationSk, tenantPk } from "./keys.ts";
import type { DocumentItem, DocumentStore, ItemKey } from "./ports.ts";

/**
 * Marks a batch whose migration is unfinished and records how far the warm deletes got:
 * the chunks (of {@link DELETE_CHUNK} items) already deleted, and the items left warm
 * because they changed after selection.
 */
export const MigrationProgressSchema = z.object({
  batchSk: z.string(),
  doneChunks: z.array(z.number().int()),
  skipped: z.array(z.string()),
});
export type MigrationProgress = z.infer<typeof MigrationProgressSchema>;

/** Items per delete transaction: 100 operations, one of them the progress update. */
export const DELETE_CHUNK = 99;

export interface MigrationPointer {
  item: DocumentItem;
  progress: MigrationProgress;
}

export const migrationKey = (ref: ColdBatchRef): ItemKey => ({
  pk: tenantPk(ref.tenant),
  sk: migrationSk(ref.batchId),
});

/** A fresh pointer for a batch in state `intent`. */
export function newMigrationPointer(ref: ColdBatchRef, now: number): MigrationPointer {
  const progress: MigrationProgress = { batchSk: coldBatchSk(ref), doneChunks: [], skipped: [] };
  const item: DocumentItem = {
    ...migrationKey(ref),
    cls: "migration",
    v: 1,
    tenant: ref.tenant,
    createdAt: now,
    updatedAt: now,
    data: progress,
  };
  return { item, progress };
}

/** Reads a pointer item into its parts. */
export function toMigrationPointer(item: DocumentItem): MigrationPointer {
  return { item, progress: MigrationProgressSchema.parse(item.data) };
}

/** A batch's pointer (strongly consistent), or `undefined` once its migration finished. */
export async function loadMigrationPointer(
  store: DocumentStore,
  batch: ColdBatch,
): Promise<MigrationPointer | undefined> {
  const item = await store.get(migrationKey(batch.ref), { consistent: true });
  return item && toMigrationPointer(item);
}

/** Splits a batch's items into the fixed delete chunks (stable across reruns). */
export function deleteChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += DELETE_CHUNK)
    chunks.push(items.slice(start, start + DELETE_CHUNK));
  return chunks;
}

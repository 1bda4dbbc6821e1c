import { COLD_CONTENT_TYPE, decodeColdBatch, encodeColdBatch } from "./cold-codec.ts";
import {
  type ColdBatch,
  type ColdItemRef,
  newColdBatchItem,
  saveColdBatch,
  syncColdEntries,
  toColdBatch,
} from "./cold-index.ts";
import type { DataDeps } from "./deps.ts";
import { revise } from "./items.ts";
import { type ColdBatchRef, coldObjectKey, tenantPk } from "./keys.ts";
import { deleteOriginals } from "./migrate-delete.ts";
import { loadMigrationPointer, type MigrationPointer, newMigrationPointer } from "./migration-pointer.ts";
import { mapLimit } from "./paging.ts";
import type { DocumentItem } from "./ports.ts";

const REREAD_CONCURRENCY = 16;

const refOf = (item: DocumentItem): ColdItemRef => ({
  sk: item.sk,
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
  ...(item.subject !== undefined ? { subject: item.subject } : {}),
  ...(item.accessedAt !== undefined ? { accessedAt: item.accessedAt } : {}),
});

const sameRevision = (item: DocumentItem, ref: ColdItemRef) =>
  item.updatedAt === ref.updatedAt && item.accessedAt === ref.accessedAt;

/**
 * Step 1: records the intent to move `items` into a new batch — the index item (state
 * `intent`, listing every key and revision) and the pointer that marks it unfinished, in
 * one transaction.
 */
export async function recordIntent(deps: DataDeps, ref: ColdBatchRef, items: readonly DocumentItem[]) {
  const now = deps.clock.now();
  const header = newColdBatchItem(
    ref,
    { state: "intent", objectKey: coldObjectKey(ref), items: items.map(refOf), superseded: [] },
    now,
  );
  const pointer = newMigrationPointer(ref, now);
  await deps.store.transact([
    { put: header, condition: { ifAbsent: true } },
    { put: pointer.item, condition: { ifAbsent: true } },
  ]);
  await deps.fault?.("intent-recorded", ref);
  return toColdBatch(header);
}

/** The warm items still at the revision they were selected at (a rerun reads them again). */
async function unchangedOriginals(deps: DataDeps, batch: ColdBatch, selected?: readonly DocumentItem[]) {
  if (selected) return selected;
  const pk = tenantPk(batch.ref.tenant);
  const found = await mapLimit(batch.data.items, REREAD_CONCURRENCY, async (ref) => {
    const item = await deps.store.get({ pk, sk: ref.sk }, { consistent: true });
    return item && sameRevision(item, ref) ? item : undefined;
  });
  return found.filter((item): item is DocumentItem => item !== undefined);
}

/** Step 2 and 3: writes the object below, then marks the batch `written` and indexes its members. */
async function writeBelow(deps: DataDeps, batch: ColdBatch, selected?: readonly DocumentItem[]) {
  const items = await unchangedOriginals(deps, batch, selected);
  const kept = new Set(items.map((item) => item.sk));
  await deps.blobs.put(batch.data.objectKey, encodeColdBatch(items), {
    contentType: COLD_CONTENT_TYPE,
    metadata: {
      tenant: batch.ref.tenant,
      cls: batch.ref.cls,
      period: batch.ref.period,
      items: `${items.length}`,
    },
  });
  await deps.fault?.("object-written", batch.ref);
  const refs = batch.data.items.filter((ref) => kept.has(ref.sk));
  return saveColdBatch(deps.store, batch, { ...batch.data, state: "written", items: refs }, deps.clock.now());
}

/** Step 5: drops the items that stayed warm from the object and index, then marks the batch done. */
async function finish(deps: DataDeps, batch: ColdBatch, pointer: MigrationPointer) {
  const skipped = new Set(pointer.progress.skipped);
  const items = batch.data.items.filter((ref) => !skipped.has(ref.sk));
  const now = deps.clock.now();
  if (items.length < batch.data.items.length) {
    const stored = await deps.blobs.get(batch.data.objectKey);
    const remaining = stored ? decodeColdBatch(stored.bytes).filter((item) => !skipped.has(item.sk)) : [];
    if (remaining.length > 0) {
      await deps.blobs.put(batch.data.objectKey, encodeColdBatch(remaining), {
        contentType: COLD_CONTENT_TYPE,
      });
    }
    await syncColdEntries(deps.store, batch.ref, items, batch.data.items, now);
  }
  await deps.audit?.record({
    actor: "system:tiers",
    action: "tier.migrated",
    tenant: batch.ref.tenant,
    cls: batch.ref.cls,
    count: items.length,
    reference: batch.ref.batchId,
  });
  if (items.length === 0) await deps.blobs.delete(batch.data.objectKey);
  const done = revise(batch.item, { ...batch.data, state: "done", items }, now);
  await deps.store.transact([
    items.length === 0
      ? { delete: batch.item, condition: { ifUnchanged: { updatedAt: batch.item.updatedAt } } }
      : { put: done, condition: { ifUnchanged: { updatedAt: batch.item.updatedAt } } },
    { delete: pointer.item, condition: { ifUnchanged: { updatedAt: pointer.item.updatedAt } } },
  ]);
  await deps.fault?.("done", batch.ref);
  return { moved: items.length, skipped: skipped.size };
}

/**
 * Takes a batch from whatever step it reached to done: object written below, batch marked
 * written and indexed, warm originals deleted (only where unchanged), batch marked done.
 * Every step is idempotent, so a rerun after a crash at any point resumes here.
 *
 * @example
 * const batch = await recordIntent(deps, ref, items);
 * await finishBatch(deps, batch, items); // { moved: 500, skipped: 0 }
 */
export async function finishBatch(
  deps: DataDeps,
  batch: ColdBatch,
  selected?: readonly DocumentItem[],
): Promise<{ moved: number; skipped: number }> {
  let current = batch;
  if (current.data.state === "intent") current = await writeBelow(deps, current, selected);
  let pointer = await loadMigrationPointer(deps.store, current);
  if (!pointer) return { moved: current.data.items.length, skipped: 0 };
  await syncColdEntries(deps.store, current.ref, current.data.items, [], deps.clock.now());
  await deps.fault?.("marked-written", current.ref);
  pointer = await deleteOriginals(deps, current, pointer);
  await deps.fault?.("warm-deleted", current.ref);
  return finish(deps, current, pointer);
}

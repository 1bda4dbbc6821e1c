import { COLD_CONTENT_TYPE, decodeColdBatch, encodeColdBatch } from "./cold-codec.ts";
import { type ColdBatch, coldEntryKey, loadColdBatch, saveColdBatch } from "./cold-index.ts";
import { type DataDeps, TIERS_ACTOR } from "./deps.ts";
import { BlobArchivedError, ColdBatchBusyError } from "./errors.ts";
import { upgradeItem } from "./item-rules.ts";
import { revisionOf } from "./items.ts";
import { type ColdBatchRef, parseColdBatchSk, subjectGsi1pk } from "./keys.ts";
import { allPages, withCursor } from "./paging.ts";
import type { DocumentItem } from "./ports.ts";

/** A member's items in one cold batch. */
export interface ColdHolding {
  batch: ColdBatchRef;
  sks: string[];
}

/** A member's items in every tier but hot: warm items themselves, cold ones by batch. */
export interface SubjectItems {
  warm: DocumentItem[];
  cold: ColdHolding[];
}

/**
 * Finds a member's items in the warm and cold tiers with one `gsi1` query (warm items and the
 * cold batch entries share the member's partition), without listing the bucket. Each item is
 * listed once: an item still warm while its batch is being written counts as warm.
 *
 * @example
 * const { warm, cold } = await findSubjectItems(deps, guildId, userId);
 */
export async function findSubjectItems(
  deps: DataDeps,
  tenant: string,
  subject: string,
): Promise<SubjectItems> {
  const found: SubjectItems = { warm: [], cold: [] };
  const gsi1pk = subjectGsi1pk(tenant, subject);
  for await (const item of allPages((cursor) => deps.store.queryGsi1(gsi1pk, withCursor({}, cursor)))) {
    if (item.tenant !== tenant || item.subject !== subject) continue;
    if (item.cls === "cold-entry") {
      const { batchSk, sks } = item.data as { batchSk: string; sks: string[] };
      found.cold.push({ batch: parseColdBatchSk(tenant, batchSk), sks });
    } else {
      found.warm.push(upgradeItem(item, deps.classes));
    }
  }
  // While a batch is being written its items may still be warm too: the warm copy is the one.
  const warm = new Set(found.warm.map((item) => item.sk));
  const cold = found.cold.map((holding) => ({ ...holding, sks: holding.sks.filter((sk) => !warm.has(sk)) }));
  return { warm: found.warm, cold: cold.filter((holding) => holding.sks.length > 0) };
}

/**
 * The items of a cold batch (all, or those in `sks`) that its index still lists, upgraded to
 * the current schema and still sealed. Throws `BlobArchivedError` for an archived batch.
 *
 * @example
 * for (const holding of cold) exported.push(...(await readColdItems(deps, holding.batch, holding.sks)));
 */
export async function readColdItems(deps: DataDeps, ref: ColdBatchRef, sks?: readonly string[]) {
  const batch = await loadColdBatch(deps.store, ref);
  if (!batch || batch.data.state === "intent") return [];
  const listed = new Set(batch.data.items.map((item) => item.sk));
  const wanted = sks ? new Set(sks) : undefined;
  const stored = await deps.blobs.get(batch.data.objectKey);
  if (!stored) return [];
  return decodeColdBatch(stored.bytes)
    .filter((item) => listed.has(item.sk) && (!wanted || wanted.has(item.sk)))
    .map((item) => upgradeItem(item, deps.classes));
}

/** Rewrites the object without the subject's items; `false` when it is archived (index only). */
async function rewriteWithout(deps: DataDeps, batch: ColdBatch, subject: string): Promise<boolean> {
  try {
    const stored = await deps.blobs.get(batch.data.objectKey);
    const kept = stored ? decodeColdBatch(stored.bytes).filter((item) => item.subject !== subject) : [];
    if (kept.length === 0) await deps.blobs.delete(batch.data.objectKey);
    else
      await deps.blobs.put(batch.data.objectKey, encodeColdBatch(kept), { contentType: COLD_CONTENT_TYPE });
    return true;
  } catch (error) {
    if (error instanceof BlobArchivedError) return false;
    throw error;
  }
}

/**
 * Removes one member's items from one cold batch: rewrites the object without them (or, for
 * an archived object, only drops them from the index: their data key is shredded by erasure,
 * so the archived copy can never be opened), then updates the index and drops the entry.
 * Throws `ColdBatchBusyError` while the batch is still being migrated.
 *
 * @example
 * await removeSubjectFromColdBatch(deps, holding.batch, userId); // { removed: 3, archived: false }
 */
export async function removeSubjectFromColdBatch(deps: DataDeps, ref: ColdBatchRef, subject: string) {
  const batch = await loadColdBatch(deps.store, ref);
  if (!batch) {
    await deps.store.delete(coldEntryKey(ref, subject));
    return { removed: 0, archived: false };
  }
  if (batch.data.state !== "done") throw new ColdBatchBusyError(batch.item.sk);
  const rewritten = await rewriteWithout(deps, batch, subject);
  const items = batch.data.items.filter((item) => item.subject !== subject);
  const removed = batch.data.items.length - items.length;
  if (items.length === 0) await deps.store.delete(batch.item, { ifUnchanged: revisionOf(batch.item) });
  else await saveColdBatch(deps.store, batch, { ...batch.data, items }, deps.clock.now());
  await deps.store.delete(coldEntryKey(ref, subject));
  await deps.audit?.record({
    actor: TIERS_ACTOR,
    action: "cold.subject-removed",
    tenant: ref.tenant,
    subject,
    cls: ref.cls,
    count: removed,
    reference: ref.batchId,
  });
  return { removed, archived: !rewritten };
}

/**
 * Removes a member's items from every cold batch that holds any (erasure's cold half).
 *
 * @example
 * const { batches, removed, archived } = await removeSubjectFromCold(deps, guildId, userId);
 */
export async function removeSubjectFromCold(deps: DataDeps, tenant: string, subject: string) {
  const { cold } = await findSubjectItems(deps, tenant, subject);
  const result = { batches: 0, removed: 0, archived: 0, kept: 0 };
  for (const holding of cold) {
    if (deps.classes.find(holding.batch.cls)?.keptOnErasure) {
      result.kept += holding.sks.length;
      continue;
    }
    const outcome = await removeSubjectFromColdBatch(deps, holding.batch, subject);
    result.batches += 1;
    result.removed += outcome.removed;
    if (outcome.archived) result.archived += 1;
  }
  return result;
}

import { decodeColdBatch } from "./cold-codec.ts";
import { type ColdBatch, coldEntryItems, coldEntryKey, loadColdBatch, toColdBatch } from "./cold-index.ts";
import { type DataDeps, TIERS_ACTOR } from "./deps.ts";
import { TransactionConditionError } from "./errors.ts";
import { upgradeItem } from "./item-rules.ts";
import { revise, revisionOf } from "./items.ts";
import { type ColdBatchRef, isUserSubject, periodOf, tenantPk } from "./keys.ts";
import type { DocumentItem, ItemKey } from "./ports.ts";

const ATTEMPTS = 3;

/**
 * The finished cold batches of a class in a tenant, oldest first: those of the month of
 * `createdAt` when given (batches are named by their items' creation month), else every month's.
 *
 * @example
 * for await (const batch of coldBatchesOf(deps, { tenant, cls: "moderation-case" })) batch.data.items;
 */
export async function* coldBatchesOf(
  deps: DataDeps,
  input: { tenant: string; cls: string; createdAt?: number | undefined },
): AsyncGenerator<ColdBatch> {
  const month = input.createdAt === undefined ? "" : `${periodOf(input.createdAt)}#`;
  const prefix = `COLD#${input.cls}#${month}`;
  let cursor: string | undefined;
  do {
    const page = await deps.store.query(tenantPk(input.tenant), {
      sk: { prefix },
      consistent: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) {
      const batch = toColdBatch(item);
      if (batch.data.state === "done") yield batch;
    }
    cursor = page.cursor;
  } while (cursor);
}

/**
 * The cold batch that lists an item, found from its class and creation time (which name the
 * batch's month) without listing the bucket. Without `createdAt` (a case known by its number),
 * every month's batches of the class are searched.
 *
 * @example
 * const batch = await findInCold(deps, { tenant, cls: "remembered-message", sk, createdAt });
 */
export async function findInCold(
  deps: DataDeps,
  input: { tenant: string; cls: string; sk: string; createdAt?: number | undefined },
): Promise<ColdBatch | undefined> {
  for await (const batch of coldBatchesOf(deps, input))
    if (batch.data.items.some((ref) => ref.sk === input.sk)) return batch;
  return undefined;
}

/** Moves one listed item back to warm and out of the index, atomically; `false` if the index changed. */
async function promoteOnce(deps: DataDeps, batch: ColdBatch, item: DocumentItem): Promise<boolean> {
  const now = deps.clock.now();
  const items = batch.data.items.filter((ref) => ref.sk !== item.sk);
  const superseded = [...batch.data.superseded, item.sk];
  const index = revise(batch.item, { ...batch.data, items, superseded }, now);
  const warm = { ...upgradeItem(item, deps.classes), accessedAt: now };
  try {
    await deps.store.transact([
      { put: index, condition: { ifUnchanged: revisionOf(batch.item) } },
      { put: warm, condition: { ifAbsent: true } },
    ]);
  } catch (error) {
    if (!(error instanceof TransactionConditionError)) throw error;
    if (error.failed.includes(0)) return false;
    // Already warm again (written meanwhile): the warm copy wins; only the index changes.
    await deps.store.put(index, { ifUnchanged: revisionOf(batch.item) });
  }
  if (isUserSubject(item.subject)) {
    const [entry] = coldEntryItems(
      batch.ref,
      items.filter((ref) => ref.subject === item.subject),
      now,
    );
    if (entry) await deps.store.put(entry);
    else await deps.store.delete(coldEntryKey(batch.ref, item.subject));
  }
  return true;
}

/**
 * Brings an item of a cold batch back to the warm tier (with `accessedAt` now, so a class that
 * moves by last read keeps it warm for its full period) and drops it from the batch's index;
 * the stale copy in the object is listed as superseded. Resolves the warm item, or `undefined`
 * when the batch does not list it. Throws `BlobArchivedError` for an archived batch.
 *
 * @example
 * const item = await promote(deps, batchRef, "MSG#81384788765712385#1200000000000000000");
 */
export async function promote(
  deps: DataDeps,
  ref: ColdBatchRef,
  sk: string,
): Promise<DocumentItem | undefined> {
  let batch = await loadColdBatch(deps.store, ref);
  // Until a batch is done its warm originals may still exist, and they are the ones to read.
  const listed = batch?.data.state === "done" && batch.data.items.some((item) => item.sk === sk);
  if (!batch || !listed) return undefined;
  const stored = await deps.blobs.get(batch.data.objectKey);
  const item = stored && decodeColdBatch(stored.bytes).find((candidate) => candidate.sk === sk);
  if (!item) return undefined;
  for (let attempt = 0; attempt < ATTEMPTS && batch; attempt++) {
    if (!batch.data.items.some((listed) => listed.sk === sk)) break;
    if (await promoteOnce(deps, batch, item)) {
      await deps.audit?.record({
        actor: TIERS_ACTOR,
        action: "tier.promoted",
        tenant: ref.tenant,
        cls: ref.cls,
        count: 1,
        reference: ref.batchId,
      });
      break;
    }
    batch = await loadColdBatch(deps.store, ref);
  }
  return deps.store.get({ pk: item.pk, sk }, { consistent: true });
}

/**
 * Reads an item from the warm tier, or promotes it from the cold tier when it has moved
 * down. `cls` and `createdAt` locate its batch (the caller knows them, e.g. from a vector's
 * metadata); without `createdAt` every month's batches of the class are searched.
 *
 * @example
 * const item = await getOrPromote(deps, { ...itemKeys.message(g, c, m), tenant: g, cls: "remembered-message", createdAt });
 */
export async function getOrPromote(
  deps: DataDeps,
  key: ItemKey & { tenant: string; cls: string; createdAt?: number | undefined },
): Promise<DocumentItem | undefined> {
  const warm = await deps.store.get(key);
  if (warm) return upgradeItem(warm, deps.classes);
  const batch = await findInCold(deps, {
    tenant: key.tenant,
    cls: key.cls,
    sk: key.sk,
    createdAt: key.createdAt,
  });
  if (!batch) return undefined;
  const item = await promote(deps, batch.ref, key.sk);
  return item && upgradeItem(item, deps.classes);
}

import { z } from "zod";
import { revise, revisionOf } from "./items.ts";
import {
  type ColdBatchRef,
  coldBatchSk,
  coldEntrySk,
  isUserSubject,
  parseColdBatchSk,
  subjectGsi1pk,
  tenantPk,
} from "./keys.ts";
import type { DocumentItem, DocumentStore, ItemKey } from "./ports.ts";

const ColdItemRefSchema = z.object({
  sk: z.string(),
  subject: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  accessedAt: z.number().optional(),
});

/**
 * A cold batch's index item, which is also its migration manifest. `items` are the keys the
 * batch holds (with the revisions they were selected at); `superseded` are keys whose copy in
 * the object is stale because the item went back to the warm tier.
 */
export const ColdBatchDataSchema = z.object({
  state: z.enum(["intent", "written", "done"]),
  objectKey: z.string(),
  items: z.array(ColdItemRefSchema),
  superseded: z.array(z.string()),
});
export type ColdBatchData = z.infer<typeof ColdBatchDataSchema>;
export type ColdItemRef = z.infer<typeof ColdItemRefSchema>;

export interface ColdBatch {
  ref: ColdBatchRef;
  /** The stored index item, for conditional updates. */
  item: DocumentItem;
  data: ColdBatchData;
}

/**
 * Reads a batch index item into its parts.
 *
 * @example
 * const { ref, data } = toColdBatch(item); // data.state, data.objectKey, data.items
 */
export function toColdBatch(item: DocumentItem): ColdBatch {
  return { ref: parseColdBatchSk(item.tenant, item.sk), item, data: ColdBatchDataSchema.parse(item.data) };
}

/** The index item key of a batch. */
export const coldBatchKey = (ref: ColdBatchRef): ItemKey => ({
  pk: tenantPk(ref.tenant),
  sk: coldBatchSk(ref),
});

/** A new batch index item in state `intent`. */
export function newColdBatchItem(ref: ColdBatchRef, data: ColdBatchData, now: number): DocumentItem {
  return {
    ...coldBatchKey(ref),
    cls: "cold-batch",
    v: 1,
    tenant: ref.tenant,
    createdAt: now,
    updatedAt: now,
    data,
  };
}

/** Reads a batch's index item (strongly consistent), or `undefined`. */
export async function loadColdBatch(store: DocumentStore, ref: ColdBatchRef): Promise<ColdBatch | undefined> {
  const item = await store.get(coldBatchKey(ref), { consistent: true });
  return item && toColdBatch(item);
}

/**
 * Writes a batch's new index data only if nobody changed it since `batch` was read; throws
 * `ConditionFailedError` otherwise.
 */
export async function saveColdBatch(
  store: DocumentStore,
  batch: ColdBatch,
  data: ColdBatchData,
  now: number,
): Promise<ColdBatch> {
  const item = revise(batch.item, data, now);
  await store.put(item, { ifUnchanged: revisionOf(batch.item) });
  return { ...batch, item, data };
}

/** The items of each user subject in the batch, by subject. */
export function keysBySubject(items: readonly ColdItemRef[]): Map<string, string[]> {
  const bySubject = new Map<string, string[]>();
  for (const item of items) {
    if (!isUserSubject(item.subject)) continue;
    bySubject.set(item.subject, [...(bySubject.get(item.subject) ?? []), item.sk]);
  }
  return bySubject;
}

/**
 * The per-subject entries of a batch: one item per member, indexed under the member's `gsi1`
 * partition, so export and erasure find cold items with one query and no bucket listing.
 */
export function coldEntryItems(
  ref: ColdBatchRef,
  items: readonly ColdItemRef[],
  now: number,
): DocumentItem[] {
  return [...keysBySubject(items)].map(([subject, sks]) => ({
    pk: tenantPk(ref.tenant),
    sk: coldEntrySk(ref, subject),
    cls: "cold-entry",
    v: 1,
    tenant: ref.tenant,
    subject,
    createdAt: now,
    updatedAt: now,
    gsi1pk: subjectGsi1pk(ref.tenant, subject),
    gsi1sk: coldBatchSk(ref),
    data: { batchSk: coldBatchSk(ref), sks },
  }));
}

/** The entry key of one subject in a batch. */
export const coldEntryKey = (ref: ColdBatchRef, subject: string): ItemKey => ({
  pk: tenantPk(ref.tenant),
  sk: coldEntrySk(ref, subject),
});

/**
 * Rewrites a batch's entries to match `items`: puts an entry per subject still present and
 * deletes the entries of subjects in `previous` that are gone. Idempotent.
 */
export async function syncColdEntries(
  store: DocumentStore,
  ref: ColdBatchRef,
  items: readonly ColdItemRef[],
  previous: readonly ColdItemRef[],
  now: number,
): Promise<void> {
  const puts = coldEntryItems(ref, items, now);
  const present = new Set(puts.map((entry) => entry.subject));
  const gone = [...keysBySubject(previous).keys()].filter((subject) => !present.has(subject));
  await store.batchWrite({ puts, deletes: gone.map((subject) => coldEntryKey(ref, subject)) });
}

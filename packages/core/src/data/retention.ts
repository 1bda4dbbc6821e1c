import { coldEntryKey, keysBySubject, toColdBatch } from "./cold-index.ts";
import { DAY_MS, type DataClass } from "./data-class.ts";
import { type DataDeps, TIERS_ACTOR } from "./deps.ts";
import { ConditionFailedError } from "./errors.ts";
import { isExpired, revisionOf } from "./items.ts";
import { auditPk, periodOf, tenantPk } from "./keys.ts";
import { allPages, mapLimit, withCursor } from "./paging.ts";
import type { DocumentItem } from "./ports.ts";

const DELETE_CONCURRENCY = 8;

export interface TenantRetention {
  tenant: string;
  /** Warm items deleted: expired, or older than their class keeps them. */
  warmDeleted: number;
  /** Cold batches deleted because their newest item passed the class's retention. */
  batchesDeleted: number;
}

/**
 * Whether an item is older than its class keeps anything.
 *
 * @example
 * pastRetention(classes.get("self-edit"), { createdAt: now - 400 * DAY_MS }, now) // true
 */
export function pastRetention(cls: DataClass | undefined, item: { createdAt: number }, now: number): boolean {
  return cls?.retentionDays !== undefined && now - item.createdAt >= cls.retentionDays * DAY_MS;
}

/** Deletes one warm item unless it changed meanwhile; resolves whether it deleted it. */
async function deleteWarm(deps: DataDeps, item: DocumentItem, now: number): Promise<boolean> {
  try {
    const condition = isExpired(item, now) ? { ifExpired: true as const } : { ifUnchanged: revisionOf(item) };
    await deps.store.delete(item, condition);
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

async function applyWarmRetention(deps: DataDeps, pk: string, sk?: { to: string }): Promise<number> {
  const now = deps.clock.now();
  const due: DocumentItem[] = [];
  const query = { includeExpired: true, ...(sk ? { sk } : {}) };
  for await (const item of allPages((cursor) => deps.store.query(pk, withCursor(query, cursor)))) {
    const cls = deps.classes.find(item.cls);
    if (isExpired(item, now) || (!cls?.system && pastRetention(cls, item, now))) due.push(item);
  }
  const deleted = await mapLimit(due, DELETE_CONCURRENCY, (item) => deleteWarm(deps, item, now));
  return deleted.filter(Boolean).length;
}

/** Deletes the cold batches of one class whose every item is past retention: object, entries, index. */
async function applyColdRetention(deps: DataDeps, tenant: string, cls: DataClass): Promise<number> {
  if (cls.retentionDays === undefined || cls.skPrefix === undefined) return 0;
  const now = deps.clock.now();
  const cutoff = now - cls.retentionDays * DAY_MS;
  const sk = { between: [`COLD#${cls.id}#`, `COLD#${cls.id}#${periodOf(cutoff)}#~`] as const };
  let deleted = 0;
  for await (const item of allPages((cursor) =>
    deps.store.query(tenantPk(tenant), withCursor({ sk }, cursor)),
  )) {
    const batch = toColdBatch(item);
    if (batch.data.state !== "done" || batch.data.items.some((ref) => ref.createdAt > cutoff)) continue;
    await deps.blobs.delete(batch.data.objectKey);
    const subjects = [...keysBySubject(batch.data.items).keys()];
    await deps.store.batchWrite({ deletes: subjects.map((subject) => coldEntryKey(batch.ref, subject)) });
    await deps.store.delete(item, { ifUnchanged: revisionOf(item) });
    await deps.audit?.record({
      actor: TIERS_ACTOR,
      action: "retention.deleted",
      tenant,
      cls: cls.id,
      count: batch.data.items.length,
      reference: batch.ref.batchId,
    });
    deleted += 1;
  }
  return deleted;
}

/**
 * Applies retention to one tenant: deletes warm items that expired or outlived their class
 * (DynamoDB's own TTL deletes lazily), audit records older than a year, and cold batches whose
 * newest item outlived its class. On a versioned bucket a deleted object leaves a noncurrent
 * version until the lifecycle expires it; it stays sealed, and crypto-shredding covers erasure.
 *
 * @example
 * const { warmDeleted, batchesDeleted } = await applyRetention(deps, guildId);
 */
export async function applyRetention(deps: DataDeps, tenant: string): Promise<TenantRetention> {
  const auditCutoff = new Date(deps.clock.now() - 365 * DAY_MS).toISOString();
  const warmDeleted =
    (await applyWarmRetention(deps, tenantPk(tenant))) +
    (await applyWarmRetention(deps, auditPk(tenant), { to: `${auditCutoff}#~` }));
  let batchesDeleted = 0;
  for (const cls of deps.classes.all()) {
    if (cls.tiers.includes("cold")) batchesDeleted += await applyColdRetention(deps, tenant, cls);
  }
  if (warmDeleted > 0) {
    await deps.audit?.record({ actor: TIERS_ACTOR, action: "retention.deleted", tenant, count: warmDeleted });
  }
  return { tenant, warmDeleted, batchesDeleted };
}

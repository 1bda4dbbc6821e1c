import { newId } from "../ids.ts";
import { toColdBatch } from "./cold-index.ts";
import type { DataClass } from "./data-class.ts";
import { tierAt } from "./data-class.ts";
import type { DataDeps } from "./deps.ts";
import { periodOf, tenantPk } from "./keys.ts";
import { finishBatch, recordIntent } from "./migrate-batch.ts";
import { toMigrationPointer } from "./migration-pointer.ts";
import { allPages, withCursor } from "./paging.ts";
import type { DocumentItem } from "./ports.ts";

export interface MigrateOptions {
  /** Items per cold batch object (default 1,000; the index item stays far below 400 KB). */
  maxBatchItems?: number;
  /** Epoch ms after which no new batch is started; the next run carries on. */
  deadline?: number;
}

export interface TenantMigration {
  tenant: string;
  /** Unfinished batches of an earlier run that this run completed. */
  resumed: number;
  batches: number;
  moved: number;
  /** Items left warm because they changed while their batch was being written. */
  stayedWarm: number;
  /** Whether the deadline stopped the run before every due item moved. */
  more: boolean;
}

/**
 * Finishes every migration of the tenant that an earlier run left unfinished (found through
 * their pointers, read strongly consistent), before anything new is selected.
 *
 * @example
 * const { resumed, moved } = await resumeMigrations(deps, guildId);
 */
export async function resumeMigrations(deps: DataDeps, tenant: string) {
  const pk = tenantPk(tenant);
  let resumed = 0;
  let moved = 0;
  const pointers = allPages((cursor) =>
    deps.store.query(pk, withCursor({ sk: { prefix: "MIG#" }, consistent: true }, cursor)),
  );
  for await (const item of pointers) {
    const pointer = toMigrationPointer(item);
    const header = await deps.store.get({ pk, sk: pointer.progress.batchSk }, { consistent: true });
    if (!header) {
      await deps.store.delete(item, { ifUnchanged: { updatedAt: item.updatedAt } });
      continue;
    }
    moved += (await finishBatch(deps, toColdBatch(header))).moved;
    resumed += 1;
  }
  return { resumed, moved };
}

/** Moves one group of due items (one class, one month) into a new cold batch. */
async function moveBatch(deps: DataDeps, tenant: string, cls: DataClass, items: DocumentItem[]) {
  const first = items[0];
  if (!first) return { moved: 0, skipped: 0 };
  const ref = { tenant, cls: cls.id, period: periodOf(first.createdAt), batchId: newId("cb") };
  const batch = await recordIntent(deps, ref, items);
  return finishBatch(deps, batch, items);
}

/**
 * Moves a tenant's due items from warm to cold: resumes unfinished batches first, then
 * selects, per class that moves down, the items whose age (or time since last read) has
 * reached the class's warm period, grouped by month of creation into batches.
 *
 * @example
 * const result = await migrateTenant(deps, guildId, { deadline: Date.now() + 600_000 });
 */
export async function migrateTenant(
  deps: DataDeps,
  tenant: string,
  options: MigrateOptions = {},
): Promise<TenantMigration> {
  const maxItems = options.maxBatchItems ?? 1_000;
  const result: TenantMigration = { tenant, resumed: 0, batches: 0, moved: 0, stayedWarm: 0, more: false };
  const resumed = await resumeMigrations(deps, tenant);
  result.resumed = resumed.resumed;
  result.moved = resumed.moved;
  const record = (outcome: { moved: number; skipped: number }) => {
    result.batches += 1;
    result.moved += outcome.moved;
    result.stayedWarm += outcome.skipped;
  };
  for (const cls of deps.classes.all()) {
    if (!cls.moveToCold || !cls.tiers.includes("cold") || cls.skPrefix === undefined) continue;
    const groups = new Map<string, DocumentItem[]>();
    const query = { sk: { prefix: cls.skPrefix }, consistent: true };
    for await (const item of allPages((cursor) =>
      deps.store.query(tenantPk(tenant), withCursor(query, cursor)),
    )) {
      if (options.deadline !== undefined && deps.clock.now() > options.deadline) {
        result.more = true;
        return result;
      }
      const tier = tierAt(cls, item, deps.clock.now());
      if (item.cls !== cls.id || (tier !== "cold" && tier !== "archive")) continue;
      const period = periodOf(item.createdAt);
      const group = groups.get(period) ?? [];
      group.push(item);
      groups.set(period, group);
      if (group.length >= maxItems) {
        record(await moveBatch(deps, tenant, cls, group));
        groups.delete(period);
      }
    }
    for (const group of groups.values()) record(await moveBatch(deps, tenant, cls, group));
  }
  return result;
}

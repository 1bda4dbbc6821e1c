import type { DataDeps } from "./deps.ts";
import { type MigrateOptions, migrateTenant } from "./migrate.ts";
import { applyRetention } from "./retention.ts";
import { acquireLease, type TenantRegistry } from "./tenants.ts";

export interface MaintenanceOptions extends MigrateOptions {
  /** How long a tenant stays leased to this run; longer than one tenant's work. */
  leaseMs?: number;
}

export interface MaintenanceSummary {
  tenants: number;
  /** Tenants another run held the lease on. */
  busy: number;
  resumed: number;
  batches: number;
  moved: number;
  stayedWarm: number;
  warmDeleted: number;
  batchesDeleted: number;
  /** Tenants whose work threw; the error is logged and the next run retries. */
  failed: string[];
  /** Whether the deadline stopped the run before every tenant was done. */
  more: boolean;
}

/**
 * The scheduled tier job: for each tenant in the registry, under a lease so that two runs
 * never work on one guild at once, move due items down (resuming unfinished batches first)
 * and apply retention. One tenant's failure does not stop the others.
 *
 * @example
 * const summary = await runTierMaintenance({ ...deps, tenants }, { deadline: Date.now() + 840_000 });
 */
export async function runTierMaintenance(
  deps: DataDeps & { tenants: TenantRegistry },
  options: MaintenanceOptions = {},
): Promise<MaintenanceSummary> {
  const summary: MaintenanceSummary = {
    tenants: 0,
    busy: 0,
    resumed: 0,
    batches: 0,
    moved: 0,
    stayedWarm: 0,
    warmDeleted: 0,
    batchesDeleted: 0,
    failed: [],
    more: false,
  };
  for await (const tenant of deps.tenants.all()) {
    if (options.deadline !== undefined && deps.clock.now() > options.deadline) {
      summary.more = true;
      break;
    }
    const lease = await acquireLease(deps.store, {
      tenant,
      name: "tiers",
      owner: "tier-maintenance",
      ttlMs: options.leaseMs ?? 15 * 60_000,
      now: deps.clock.now(),
    });
    if (!lease) {
      summary.busy += 1;
      continue;
    }
    summary.tenants += 1;
    try {
      const migration = await migrateTenant(deps, tenant, options);
      const retention = await applyRetention(deps, tenant);
      summary.resumed += migration.resumed;
      summary.batches += migration.batches;
      summary.moved += migration.moved;
      summary.stayedWarm += migration.stayedWarm;
      summary.more ||= migration.more;
      summary.warmDeleted += retention.warmDeleted;
      summary.batchesDeleted += retention.batchesDeleted;
    } catch (error) {
      summary.failed.push(tenant);
      deps.logger.error("tiers.tenant-failed", {
        tenant,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    } finally {
      await lease.release();
    }
  }
  return summary;
}

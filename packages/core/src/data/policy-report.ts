import { toColdBatch } from "./cold-index.ts";
import { DAY_MS, type Tier, tierAt } from "./data-class.ts";
import type { DataDeps } from "./deps.ts";
import { auditPk, tenantPk } from "./keys.ts";
import { allPages, withCursor } from "./paging.ts";
import type { DocumentItem } from "./ports.ts";
import { pastRetention } from "./retention.ts";
import type { TenantRegistry } from "./tenants.ts";

export type ViolationKind = "past-retention" | "tier-not-allowed" | "overdue-migration" | "unknown-class";

/** One item or batch that breaks its class's policy. `key` is a sort key or object key, never content. */
export interface Violation {
  tenant: string;
  cls: string;
  tier: Tier;
  kind: ViolationKind;
  key: string;
}

export interface PolicyReport {
  checked: number;
  violations: Violation[];
}

function warmViolation(
  deps: DataDeps,
  item: DocumentItem,
  now: number,
  graceMs: number,
): ViolationKind | undefined {
  const cls = deps.classes.find(item.cls);
  if (!cls) return "unknown-class";
  if (!cls.tiers.includes("warm")) return "tier-not-allowed";
  if (cls.system) return undefined;
  const expiredFor = item.expiresAt === undefined ? 0 : now - item.expiresAt * 1000;
  if (expiredFor > graceMs || pastRetention(cls, item, now - graceMs)) return "past-retention";
  const due = tierAt(cls, item, now - graceMs);
  return due === "cold" || due === "archive" ? "overdue-migration" : undefined;
}

async function checkTenant(deps: DataDeps, tenant: string, graceMs: number, report: PolicyReport) {
  const now = deps.clock.now();
  const add = (cls: string, tier: Tier, kind: ViolationKind, key: string) =>
    report.violations.push({ tenant, cls, tier, kind, key });
  for (const pk of [tenantPk(tenant), auditPk(tenant)]) {
    const items = allPages((cursor) => deps.store.query(pk, withCursor({ includeExpired: true }, cursor)));
    for await (const item of items) {
      report.checked += 1;
      if (item.cls === "cold-batch") {
        const batch = toColdBatch(item);
        const cls = deps.classes.find(batch.ref.cls);
        if (!cls?.tiers.includes("cold"))
          add(batch.ref.cls, "cold", "tier-not-allowed", batch.data.objectKey);
        else if (
          batch.data.items.length > 0 &&
          batch.data.items.every((ref) => pastRetention(cls, ref, now - graceMs))
        )
          add(cls.id, "cold", "past-retention", batch.data.objectKey);
        continue;
      }
      const kind = warmViolation(deps, item, now, graceMs);
      if (kind) add(item.cls, "warm", kind, item.sk);
    }
  }
}

/**
 * Lists what breaks its class's retention policy, per tenant: warm items past retention (or
 * expired and not yet deleted) or overdue to move down, items of classes that may not be in
 * the warm tier, and cold batches past retention or of classes that may not be cold. Items
 * get `graceDays` of slack, the time the daily job may take to catch up.
 *
 * @example
 * const { violations } = await policyReport({ ...deps, tenants });
 * metrics.count("data.policy.violations", violations.length);
 */
export async function policyReport(
  deps: DataDeps & { tenants: TenantRegistry },
  options: { graceDays?: number } = {},
): Promise<PolicyReport> {
  const graceMs = (options.graceDays ?? 2) * DAY_MS;
  const report: PolicyReport = { checked: 0, violations: [] };
  for await (const tenant of deps.tenants.all()) await checkTenant(deps, tenant, graceMs, report);
  return report;
}

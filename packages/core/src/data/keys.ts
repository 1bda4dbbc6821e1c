import type { ItemKey } from "./ports.ts";

// Every key names its tenant (guild id), so no query can reach another guild's items.
// Sort keys start with a prefix per data class; a class's items are one `begins_with` away.

/** The partition holding a guild's data. */
export const tenantPk = (guild: string) => `G#${guild}`;
/** The partition holding a guild's audit log. */
export const auditPk = (guild: string) => `AUDIT#${guild}`;
/** The `gsi1` partition holding one member's items in one guild (export, erasure). */
export const subjectGsi1pk = (guild: string, user: string) => `G#${guild}#U#${user}`;

/** The tenant registry: one item per guild that has stored data. */
export const TENANTS_PK = "TENANTS";

/** The bot's own operational records (health history), about no guild; their tenant is `SYSTEM_TENANT`. */
export const SYSTEM_PK = "SYSTEM";
export const SYSTEM_TENANT = "system";

/** Subjects that are not a user: guild-level data is sealed under the guild's own key. */
export const GUILD_SUBJECT = "guild";

/**
 * Whether a subject is a user (and so indexed under `gsi1` for export and erasure).
 *
 * @example
 * [isUserSubject("80351110224678912"), isUserSubject("guild")] // [true, false]
 */
export function isUserSubject(subject: string | undefined): subject is string {
  return subject !== undefined && subject !== GUILD_SUBJECT;
}

/**
 * Key builders per data class.
 *
 * @example
 * itemKeys.message("81384788765712384", "81384788765712385", "1200000000000000000")
 * // { pk: "G#81384788765712384", sk: "MSG#81384788765712385#1200000000000000000" }
 */
export const itemKeys = {
  guildConfig: (guild: string): ItemKey => ({ pk: tenantPk(guild), sk: "CONFIG" }),
  userProfile: (guild: string, user: string): ItemKey => ({ pk: tenantPk(guild), sk: `USER#${user}` }),
  message: (guild: string, channel: string, message: string): ItemKey => ({
    pk: tenantPk(guild),
    sk: `MSG#${channel}#${message}`,
  }),
  moderationCase: (guild: string, caseId: string): ItemKey => ({ pk: tenantPk(guild), sk: `CASE#${caseId}` }),
  selfEdit: (guild: string, requestId: string): ItemKey => ({ pk: tenantPk(guild), sk: `SE#${requestId}` }),
  analytics: (guild: string, day: string, metric: string): ItemKey => ({
    pk: tenantPk(guild),
    sk: `STAT#${day}#${metric}`,
  }),
  tenant: (guild: string): ItemKey => ({ pk: TENANTS_PK, sk: tenantPk(guild) }),
  lease: (guild: string, name: string): ItemKey => ({ pk: tenantPk(guild), sk: `LEASE#${name}` }),
};

/** Where a cold batch lives: its class, tenant, calendar month of creation and id. */
export interface ColdBatchRef {
  tenant: string;
  cls: string;
  /** `yyyy-mm` (UTC) of the items' `createdAt`. */
  period: string;
  batchId: string;
}

/** Sort key of a cold batch's index item (also its migration manifest). */
export const coldBatchSk = (ref: Omit<ColdBatchRef, "tenant">) =>
  `COLD#${ref.cls}#${ref.period}#${ref.batchId}`;

/** Sort key of the entry listing one subject's items in a cold batch. */
export const coldEntrySk = (ref: Omit<ColdBatchRef, "tenant">, subject: string) =>
  `CSUB#${ref.cls}#${ref.period}#${ref.batchId}#${subject}`;

/** Sort key of the pointer that marks a migration as unfinished. */
export const migrationSk = (batchId: string) => `MIG#${batchId}`;

/**
 * The S3 key of a cold batch object.
 *
 * @example
 * coldObjectKey({ tenant: "1", cls: "remembered-message", period: "2026-01", batchId: "cb_01J..." })
 * // "cold/remembered-message/1/2026-01/cb_01J....jsonl.gz"
 */
export function coldObjectKey(ref: ColdBatchRef): string {
  return `cold/${ref.cls}/${ref.tenant}/${ref.period}/${ref.batchId}.jsonl.gz`;
}

/** Parses a cold batch index sort key back into its parts (the tenant comes from the pk). */
export function parseColdBatchSk(tenant: string, sk: string): ColdBatchRef {
  const [prefix, cls, period, batchId] = sk.split("#");
  if (prefix !== "COLD" || !cls || !period || !batchId) throw new Error(`not a cold batch key: ${sk}`);
  return { tenant, cls, period, batchId };
}

/**
 * The UTC calendar month of an epoch-millisecond time, as cold batches are grouped.
 *
 * @example
 * periodOf(Date.parse("2026-03-31T23:59:59Z")) // "2026-03"
 */
export function periodOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/**
 * The first millisecond after a `yyyy-mm` period.
 *
 * @example
 * periodEnd("2040-12") === Date.parse("2041-01-01T00:00:00Z") // true
 */
export function periodEnd(period: string): number {
  const [year, month] = period.split("-").map(Number);
  return Date.UTC(year ?? 0, month ?? 0, 1);
}

import type { DataClass, DataClassRegistry } from "./data-class.ts";
import { DataClassViolationError } from "./errors.ts";
import { auditPk, SYSTEM_PK, SYSTEM_TENANT, TENANTS_PK, tenantPk } from "./keys.ts";
import type { DocumentItem } from "./ports.ts";

/** Whether a value is a sealed value. Defaults to "a JSON object"; wiring passes the envelope's schema. */
export type SealedCheck = (value: unknown) => boolean;

/** The default test: a sealed value is a JSON object, never a string, number or array. */
export const looksSealed: SealedCheck = (value) =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The item with `data` upgraded to its class's current schema version, one step at a time.
 * Items of unknown classes, or written by newer code, come back unchanged.
 *
 * @example
 * upgradeItem({ ...item, v: 1 }, classes).v // 2
 */
export function upgradeItem(item: DocumentItem, classes: DataClassRegistry): DocumentItem {
  const cls = classes.find(item.cls);
  if (!cls || item.v >= cls.version) return item;
  let data = item.data;
  for (let version = item.v; version < cls.version; version++) {
    const upgrade = cls.upgrades?.[version];
    if (!upgrade) throw new DataClassViolationError(cls.id, `no upgrade from schema version ${version}`);
    data = upgrade(data);
  }
  return { ...item, v: cls.version, data };
}

function partitionNamesTenant(cls: DataClass, item: DocumentItem): boolean {
  switch (cls.partition) {
    case "tenant":
      return item.pk === tenantPk(item.tenant);
    case "audit":
      return item.pk === auditPk(item.tenant);
    case "registry":
      return item.pk === TENANTS_PK && item.sk === tenantPk(item.tenant);
    case "system":
      return item.pk === SYSTEM_PK && item.tenant === SYSTEM_TENANT;
    case "jobs":
      return false; // written by the idempotency layer, never through the document store
  }
}

/**
 * Throws `DataClassViolationError` unless the item may be written to the warm tier: its class
 * lives there, its keys name its tenant, its schema is current, and every sensitive field
 * present is sealed.
 *
 * @example
 * checkWritable(item, classes.get(item.cls)); // throws on a plaintext `content`
 */
export function checkWritable(item: DocumentItem, cls: DataClass, isSealed: SealedCheck = looksSealed): void {
  const fail = (message: string) => {
    throw new DataClassViolationError(cls.id, message);
  };
  if (!cls.tiers.includes("warm")) fail("this class does not live in the warm tier");
  if (!item.tenant) fail("the item names no tenant");
  if (!partitionNamesTenant(cls, item))
    fail(`key ${item.pk} / ${item.sk} does not name tenant ${item.tenant}`);
  if (cls.skPrefix !== undefined && !item.sk.startsWith(cls.skPrefix))
    fail(`sort key must start ${cls.skPrefix}`);
  if (item.gsi1pk !== undefined && !item.gsi1pk.startsWith(`${tenantPk(item.tenant)}#`)) {
    fail("gsi1pk does not name the tenant");
  }
  if (item.v !== cls.version) fail(`schema version ${item.v} is not the current ${cls.version}`);
  for (const field of cls.sensitiveFields) {
    const value = item.data[field];
    if (value !== undefined && value !== null && !isSealed(value)) fail(`field "${field}" must be sealed`);
  }
}

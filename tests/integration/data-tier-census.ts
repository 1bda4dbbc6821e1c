import { type DocumentItem, decodeColdBatch, tenantPk, toColdBatch } from "@megawatts/core";
import type { DataFixture } from "./data-fixtures.ts";

/** Where each item of a tenant is: warm keys, and cold keys as the index lists them and as stored. */
export interface Census {
  warm: string[];
  /** Keys listed by finished batch indexes (one entry per listing, so duplicates show). */
  cold: string[];
  /** Keys found in the batch objects, minus those the index marks superseded. */
  objects: string[];
  unfinished: number;
}

/** Reads a tenant's items in every tier, so tests can prove nothing was lost or duplicated. */
export async function census(fx: DataFixture, tenant: string, prefix = "MSG#"): Promise<Census> {
  const all: DocumentItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await fx.store.query(tenantPk(tenant), { consistent: true, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const result: Census = { warm: [], cold: [], objects: [], unfinished: 0 };
  for (const item of all) {
    if (item.sk.startsWith(prefix)) result.warm.push(item.sk);
    if (item.sk.startsWith("MIG#")) result.unfinished += 1;
    if (item.cls !== "cold-batch") continue;
    const batch = toColdBatch(item);
    result.cold.push(...batch.data.items.map((ref) => ref.sk));
    const stored = await fx.blobs.get(batch.data.objectKey);
    const superseded = new Set(batch.data.superseded);
    const inObject = stored ? decodeColdBatch(stored.bytes) : [];
    result.objects.push(...inObject.map((stored) => stored.sk).filter((sk) => !superseded.has(sk)));
  }
  result.warm.sort();
  result.cold.sort();
  result.objects.sort();
  return result;
}

/** Every key once, warm or cold, never both: the invariant a migration must keep. */
export function everyKeyOnce(found: Census): string[] {
  return [...found.warm, ...found.cold].sort();
}

import { ConditionFailedError, type DocumentItem, type DocumentStore } from "@megawatts/core";

/**
 * Claims an item for sending: rewrites it with `claimedUntil` only if nobody changed it since it
 * was read. Of two loops that read the same item, one claim succeeds; a claim left by a loop
 * that stopped mid-send lapses at `claimedUntil`, and the item is sent again (at least once).
 */
export async function claim(
  store: DocumentStore,
  item: DocumentItem,
  now: number,
  claimMs: number,
  extra: Record<string, unknown> = {},
): Promise<DocumentItem | undefined> {
  if (isClaimed(item, now)) return undefined;
  const claimed: DocumentItem = {
    ...item,
    updatedAt: Math.max(now, item.updatedAt + 1),
    data: { ...item.data, ...extra, claimedUntil: now + claimMs },
  };
  try {
    await store.put(claimed, { ifUnchanged: { updatedAt: item.updatedAt } });
    return claimed;
  } catch (error) {
    if (error instanceof ConditionFailedError) return undefined;
    throw error;
  }
}

/** Whether another loop holds a live claim on the item. */
export function isClaimed(item: DocumentItem, now: number): boolean {
  const until = item.data.claimedUntil;
  return typeof until === "number" && until > now;
}

/** Runs a conditional write and reports whether its condition held. */
export async function holds(write: Promise<void>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

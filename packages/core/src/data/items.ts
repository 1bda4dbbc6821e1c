import { DAY_MS, type DataClass } from "./data-class.ts";
import { isUserSubject, subjectGsi1pk } from "./keys.ts";
import type { DocumentItem, DocumentStore, ItemKey, Revision } from "./ports.ts";

export interface NewItemInput {
  cls: DataClass;
  tenant: string;
  key: ItemKey;
  /** A user id, or `"guild"`; user subjects are indexed under `gsi1` for export and erasure. */
  subject?: string;
  data: Record<string, unknown>;
  /** Epoch milliseconds. */
  now: number;
}

/**
 * A new item of a class: current schema version, timestamps, the TTL its retention implies,
 * and the `gsi1` keys that list a member's items.
 *
 * @example
 * const item = newItem({ cls: classes.get("remembered-message"), tenant: guildId, subject: authorId,
 *   key: itemKeys.message(guildId, channelId, messageId), data: { content: sealed }, now: clock.now() });
 */
export function newItem(input: NewItemInput): DocumentItem {
  const { cls, tenant, key, subject, data, now } = input;
  const item: DocumentItem = {
    ...key,
    cls: cls.id,
    v: cls.version,
    tenant,
    createdAt: now,
    updatedAt: now,
    data,
  };
  if (subject !== undefined) item.subject = subject;
  if (cls.retentionDays !== undefined) item.expiresAt = Math.ceil((now + cls.retentionDays * DAY_MS) / 1000);
  if (cls.personal && isUserSubject(subject)) {
    item.gsi1pk = subjectGsi1pk(tenant, subject);
    item.gsi1sk = key.sk;
  }
  return item;
}

/**
 * The item with new data and an `updatedAt` that has moved forward even within one
 * millisecond, so a concurrent "only if unchanged" writer notices the change.
 *
 * @example
 * await store.put(revise(item, { ...item.data, pinned: true }, clock.now()), { ifUnchanged: item });
 */
export function revise(item: DocumentItem, data: Record<string, unknown>, now: number): DocumentItem {
  return { ...item, data, updatedAt: Math.max(now, item.updatedAt + 1) };
}

/**
 * The strict revision of an item: both timestamps, `accessedAt: null` when it has none.
 *
 * @example
 * await store.delete(item, { ifUnchanged: revisionOf(item) });
 */
export function revisionOf(item: Pick<DocumentItem, "updatedAt" | "accessedAt">): Revision {
  return { updatedAt: item.updatedAt, accessedAt: item.accessedAt ?? null };
}

/**
 * Whether an item's TTL has passed at `nowMs` (DynamoDB deletes such items lazily).
 *
 * @example
 * isExpired({ expiresAt: 1_700_000_000 }, 1_700_000_000_000) // true
 */
export function isExpired(item: { expiresAt?: number }, nowMs: number): boolean {
  return item.expiresAt !== undefined && item.expiresAt <= Math.floor(nowMs / 1000);
}

/**
 * Records a read for classes that move down by last access, writing at most once per
 * `minIntervalMs` per item; resolves whether a write happened.
 *
 * @example
 * await recordAccess(store, item, clock.now());
 */
export async function recordAccess(
  store: DocumentStore,
  item: DocumentItem,
  now: number,
  minIntervalMs = DAY_MS,
): Promise<boolean> {
  if (item.accessedAt !== undefined && now - item.accessedAt < minIntervalMs) return false;
  return store.touch(item, now);
}

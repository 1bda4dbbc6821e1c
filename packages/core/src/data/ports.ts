/** The primary key of a warm-tier item. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/**
 * One item of the warm tier (and, unchanged, one line of a cold batch). `data` holds the
 * class's fields; sensitive ones are sealed values, opaque JSON to the data layer.
 */
export interface DocumentItem extends ItemKey {
  /** The data class id (see `classes.ts`). */
  cls: string;
  /** Schema version of `data`; older versions are upgraded on read. */
  v: number;
  /** The guild id: every guild is a tenant, and every key names it. */
  tenant: string;
  /** A user id, or `"guild"` for guild-level data; absent for data about nobody. */
  subject?: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds; every change moves it forward (optimistic concurrency). */
  updatedAt: number;
  /** Epoch milliseconds of the last recorded read, for classes that move down by access. */
  accessedAt?: number;
  /** Epoch seconds (DynamoDB TTL); reads never return an item once this has passed. */
  expiresAt?: number;
  gsi1pk?: string;
  gsi1sk?: string;
  data: Record<string, unknown>;
}

/**
 * The attributes an "only if unchanged" condition compares. `accessedAt: null` requires that
 * the item has none; leaving it out does not compare it.
 */
export interface Revision {
  updatedAt: number;
  accessedAt?: number | null;
}

/** Expired items count as absent, so `ifAbsent` also succeeds over an expired item. */
export type PutCondition = { ifAbsent: true } | { ifUnchanged: Revision };
/** `ifExpired` (maintenance) deletes an item only while its TTL has passed. */
export type DeleteCondition = { ifExists: true } | { ifUnchanged: Revision } | { ifExpired: true };

/** Sort-key condition of a query; bounds are inclusive. */
export type SortKeyCondition =
  | { prefix: string }
  | { between: readonly [string, string] }
  | { from: string }
  | { to: string };

export interface QueryOptions {
  sk?: SortKeyCondition;
  /** Items evaluated per page; a page may hold fewer because expired items are left out. */
  limit?: number;
  /** From a previous page's `cursor`. */
  cursor?: string;
  /** Descending sort-key order. */
  reverse?: boolean;
  /** Strongly consistent read (base table only). */
  consistent?: boolean;
  /** Maintenance only (retention, policy report): also return expired items. */
  includeExpired?: boolean;
}

/** One page of results; `cursor` is present while more may follow. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

export type WriteOp =
  | { put: DocumentItem; condition?: PutCondition }
  | { delete: ItemKey; condition?: DeleteCondition };

/**
 * The warm tier: one table of items keyed by `pk`/`sk` with one secondary index (`gsi1`).
 * Conditions that fail throw `ConditionFailedError` (single writes) or
 * `TransactionConditionError` (transactions, naming the failed operations).
 */
export interface DocumentStore {
  /** The item, or `undefined` when absent or expired. */
  get(key: ItemKey, options?: { consistent?: boolean }): Promise<DocumentItem | undefined>;
  /** Several items in few round trips, in the order of `keys`: `undefined` where absent or expired. */
  batchGet(
    keys: readonly ItemKey[],
    options?: { consistent?: boolean },
  ): Promise<Array<DocumentItem | undefined>>;
  put(item: DocumentItem, condition?: PutCondition): Promise<void>;
  delete(key: ItemKey, condition?: DeleteCondition): Promise<void>;
  /** Sets `accessedAt` on a live item without changing `updatedAt`; resolves whether it existed. */
  touch(key: ItemKey, accessedAt: number): Promise<boolean>;
  query(pk: string, options?: QueryOptions): Promise<Page<DocumentItem>>;
  /** Queries the `gsi1` index (eventually consistent). */
  queryGsi1(gsi1pk: string, options?: Omit<QueryOptions, "consistent">): Promise<Page<DocumentItem>>;
  /** Unconditional puts and deletes, in chunks; retries what the service leaves unprocessed. */
  batchWrite(ops: { puts?: readonly DocumentItem[]; deletes?: readonly ItemKey[] }): Promise<void>;
  /** All or nothing, at most 100 operations, no two on the same item. */
  transact(ops: readonly WriteOp[]): Promise<void>;
}

/** Stored bytes and what was said about them at upload. */
export interface StoredBlob {
  bytes: Uint8Array;
  contentType?: string;
  metadata: Record<string, string>;
}

export interface BlobInfo {
  key: string;
  size: number;
  /** Epoch milliseconds. */
  lastModified: number;
  storageClass?: string;
}

/**
 * The cold tier: an object store. `get` resolves `undefined` for a missing key and throws
 * `BlobArchivedError` for an object that must be restored from the archive first.
 */
export interface BlobStore {
  put(
    key: string,
    bytes: Uint8Array,
    options: { contentType: string; metadata?: Record<string, string> },
  ): Promise<void>;
  get(key: string): Promise<StoredBlob | undefined>;
  list(prefix: string, options?: { limit?: number; cursor?: string }): Promise<Page<BlobInfo>>;
  /** Deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
}

import {
  type BlobStore,
  type Clock,
  ConditionFailedError,
  type DeleteCondition,
  type DocumentItem,
  type DocumentStore,
  type ItemKey,
  type Page,
  type PutCondition,
  type QueryOptions,
  type SortKeyCondition,
  type StoredBlob,
  systemClock,
  TransactionConditionError,
  type WriteOp,
} from "@megawatts/core";

const id = (key: ItemKey) => JSON.stringify([key.pk, key.sk]);
const copy = <T>(value: T): T => structuredClone(value);

function matchesSk(sk: string, condition: SortKeyCondition | undefined): boolean {
  if (!condition) return true;
  if ("prefix" in condition) return sk.startsWith(condition.prefix);
  if ("between" in condition) return sk >= condition.between[0] && sk <= condition.between[1];
  if ("from" in condition) return sk >= condition.from;
  return sk <= condition.to;
}

/**
 * The warm tier in a map, with DynamoDB's semantics as `DynamoDocumentStore` maps them: expired
 * items read as absent, conditional writes throw `ConditionFailedError`, transactions are all
 * or nothing, queries page in sort-key order. Unit tests only; adapters are tested against
 * DynamoDB Local.
 *
 * @example
 * const store = new InMemoryDocumentStore(clock);
 * await store.put(item, { ifAbsent: true });
 */
export class InMemoryDocumentStore implements DocumentStore {
  /** Raw items by `[pk, sk]`, expired ones included, for asserting on what is stored. */
  readonly items = new Map<string, DocumentItem>();

  constructor(private readonly clock: Clock = systemClock) {}

  #live(item: DocumentItem | undefined): DocumentItem | undefined {
    const expired = item?.expiresAt !== undefined && item.expiresAt <= Math.floor(this.clock.now() / 1000);
    return expired ? undefined : item;
  }

  #holds(key: ItemKey, condition: PutCondition | DeleteCondition | undefined): boolean {
    const raw = this.items.get(id(key));
    const live = this.#live(raw);
    if (!condition) return true;
    if ("ifAbsent" in condition) return !live;
    if ("ifExpired" in condition) return raw !== undefined && !live;
    if (!live) return false;
    if (!("ifUnchanged" in condition)) return true;
    const { updatedAt, accessedAt } = condition.ifUnchanged;
    if (live.updatedAt !== updatedAt) return false;
    if (accessedAt === null) return live.accessedAt === undefined;
    return accessedAt === undefined || live.accessedAt === accessedAt;
  }

  async get(key: ItemKey) {
    return copy(this.#live(this.items.get(id(key))));
  }

  async batchGet(keys: readonly ItemKey[]) {
    return keys.map((key) => copy(this.#live(this.items.get(id(key)))));
  }

  async put(item: DocumentItem, condition?: PutCondition) {
    if (!this.#holds(item, condition)) throw new ConditionFailedError({ pk: item.pk, sk: item.sk });
    this.items.set(id(item), copy(item));
  }

  async delete(key: ItemKey, condition?: DeleteCondition) {
    if (!this.#holds(key, condition)) throw new ConditionFailedError({ pk: key.pk, sk: key.sk });
    this.items.delete(id(key));
  }

  async touch(key: ItemKey, accessedAt: number) {
    const live = this.#live(this.items.get(id(key)));
    if (live) live.accessedAt = accessedAt;
    return live !== undefined;
  }

  query(pk: string, options: QueryOptions = {}) {
    return this.#page(
      (item) => item.pk === pk,
      (item) => item.sk,
      options,
    );
  }

  queryGsi1(gsi1pk: string, options: Omit<QueryOptions, "consistent"> = {}) {
    return this.#page(
      (item) => item.gsi1pk === gsi1pk,
      (item) => item.gsi1sk ?? "",
      options,
    );
  }

  async #page(
    inPartition: (item: DocumentItem) => boolean,
    sortKey: (item: DocumentItem) => string,
    options: QueryOptions,
  ): Promise<Page<DocumentItem>> {
    const sorted = [...this.items.values()]
      .filter((item) => inPartition(item) && matchesSk(sortKey(item), options.sk))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    if (options.reverse) sorted.reverse();
    const start = options.cursor ? Number(options.cursor) : 0;
    const end = options.limit ? start + options.limit : sorted.length;
    const items = sorted
      .slice(start, end)
      .filter((item) => options.includeExpired || this.#live(item))
      .map(copy);
    return { items, ...(end < sorted.length ? { cursor: String(end) } : {}) };
  }

  async batchWrite(ops: { puts?: readonly DocumentItem[]; deletes?: readonly ItemKey[] }) {
    for (const item of ops.puts ?? []) this.items.set(id(item), copy(item));
    for (const key of ops.deletes ?? []) this.items.delete(id(key));
  }

  async transact(ops: readonly WriteOp[]) {
    const failed = ops.flatMap((op, index) => {
      const key = "put" in op ? op.put : op.delete;
      return this.#holds(key, op.condition) ? [] : [index];
    });
    if (failed.length > 0) throw new TransactionConditionError(failed);
    for (const op of ops) {
      if ("put" in op) this.items.set(id(op.put), copy(op.put));
      else this.items.delete(id(op.delete));
    }
  }
}

/**
 * The cold tier in a map of keys to bytes (no archive classes).
 *
 * @example
 * const blobs = new InMemoryBlobStore();
 * await blobs.put("cold/x", bytes, { contentType: "application/gzip" });
 */
export class InMemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, StoredBlob>();

  async put(
    key: string,
    bytes: Uint8Array,
    options: { contentType: string; metadata?: Record<string, string> },
  ) {
    this.objects.set(key, {
      bytes: new Uint8Array(bytes),
      contentType: options.contentType,
      metadata: { ...options.metadata },
    });
  }

  async get(key: string) {
    const stored = this.objects.get(key);
    return stored && { ...stored, bytes: new Uint8Array(stored.bytes) };
  }

  async list(prefix: string) {
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
    const items = keys.map((key) => ({
      key,
      size: this.objects.get(key)?.bytes.length ?? 0,
      lastModified: 0,
    }));
    return { items };
  }

  async delete(key: string) {
    this.objects.delete(key);
  }
}

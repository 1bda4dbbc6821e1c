import type { DataClassRegistry } from "./data-class.ts";
import { checkWritable, type SealedCheck, upgradeItem } from "./item-rules.ts";
import type { DocumentItem, DocumentStore, Page } from "./ports.ts";

export interface ClassifiedStoreOptions {
  /** Recognises sealed values; defaults to "a JSON object". */
  isSealed?: SealedCheck;
}

/**
 * The document store the application uses: every write is checked against its data class
 * (tier, tenant in the keys, current schema, sealed sensitive fields) and every read comes
 * back upgraded to the current schema, so a schema change needs no migration downtime.
 *
 * @example
 * const documents = classifiedStore(new DynamoDocumentStore({ client, tableName }), classes);
 * await documents.put(item); // throws DataClassViolationError on plaintext content
 */
export function classifiedStore(
  store: DocumentStore,
  classes: DataClassRegistry,
  options: ClassifiedStoreOptions = {},
): DocumentStore {
  const check = (item: DocumentItem) => checkWritable(item, classes.get(item.cls), options.isSealed);
  const upgrade = (item: DocumentItem) => upgradeItem(item, classes);
  const upgradePage = (page: Page<DocumentItem>) => ({ ...page, items: page.items.map(upgrade) });
  return {
    async get(key, readOptions) {
      const item = await store.get(key, readOptions);
      return item && upgrade(item);
    },
    batchGet: async (keys, readOptions) =>
      (await store.batchGet(keys, readOptions)).map((item) => item && upgrade(item)),
    async put(item, condition) {
      check(item);
      return store.put(item, condition);
    },
    delete: (key, condition) => store.delete(key, condition),
    touch: (key, accessedAt) => store.touch(key, accessedAt),
    query: async (pk, queryOptions) => upgradePage(await store.query(pk, queryOptions)),
    queryGsi1: async (gsi1pk, queryOptions) => upgradePage(await store.queryGsi1(gsi1pk, queryOptions)),
    async batchWrite(ops) {
      for (const item of ops.puts ?? []) check(item);
      return store.batchWrite(ops);
    },
    async transact(ops) {
      for (const op of ops) if ("put" in op) check(op.put);
      return store.transact(ops);
    },
  };
}

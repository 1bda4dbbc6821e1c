import type { ErasureFilter } from "@megawatts/core";
import type { Index, RecordMetadata } from "@pinecone-database/pinecone";
import { recordUsage } from "../usage.ts";
import { toPineconeFilter } from "./records.ts";

type Namespace = Index<RecordMetadata>;

// Pinecone's limits: 1,000 ids per delete; 10,000 matches per query without metadata or values.
const DELETE_CHUNK = 1_000;
const QUERY_PAGE = 10_000;

/** Deletes ids in requests of at most 1,000. */
export async function deleteIds(namespace: Namespace, ids: readonly string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += DELETE_CHUNK) {
    const chunk = ids.slice(start, start + DELETE_CHUNK);
    await namespace.deleteMany({ ids: chunk });
    recordUsage({
      name: "pinecone.request",
      attributes: { operation: "delete", records: chunk.length, recordBytes: 0 },
    });
  }
}

/**
 * Erases by looking ids up and deleting them, which every index type supports and which
 * counts what it deleted. A channel's records share the id prefix `<channelId>:`, so they are
 * listed by prefix (serverless `list`); anything naming an author is found by filtered
 * queries (any vector will do: the filter decides), 10,000 at a time, until a query finds
 * nothing new.
 *
 * @example
 * await eraseByLookup(index.namespace(guildId), { authorId }, 1536) // 42
 */
export async function eraseByLookup(
  namespace: Namespace,
  filter: ErasureFilter,
  dimensions: number,
): Promise<number> {
  if (filter.channelId !== undefined && filter.authorId === undefined) {
    return eraseByPrefix(namespace, `${filter.channelId}:`);
  }
  const probe = Array.from({ length: dimensions }, (_, i) => (i === 0 ? 1 : 0));
  const pineconeFilter = toPineconeFilter(filter);
  const deleted = new Set<string>();
  for (;;) {
    const { matches } = await namespace.query({
      vector: probe,
      topK: QUERY_PAGE,
      ...(pineconeFilter ? { filter: pineconeFilter } : {}),
      includeMetadata: false,
      includeValues: false,
    });
    recordUsage({ name: "pinecone.request", attributes: { operation: "query", records: 0, recordBytes: 0 } });
    // A serverless index may still show what was just deleted; those ids do not count twice.
    const fresh = matches.map((match) => match.id).filter((id) => !deleted.has(id));
    if (fresh.length === 0) return deleted.size;
    await deleteIds(namespace, fresh);
    for (const id of fresh) deleted.add(id);
  }
}

async function eraseByPrefix(namespace: Namespace, prefix: string): Promise<number> {
  let deleted = 0;
  let paginationToken: string | undefined;
  do {
    const page = await namespace.listPaginated({
      prefix,
      limit: 100,
      ...(paginationToken ? { paginationToken } : {}),
    });
    recordUsage({ name: "pinecone.request", attributes: { operation: "list", records: 0, recordBytes: 0 } });
    const ids = (page.vectors ?? []).flatMap((item) => (item.id ? [item.id] : []));
    await deleteIds(namespace, ids);
    deleted += ids.length;
    paginationToken = page.pagination?.next;
  } while (paginationToken);
  return deleted;
}

import type { Page } from "./ports.ts";

/**
 * Every item of a paged result, fetching the next page only when the previous one is used up.
 *
 * @example
 * for await (const item of allPages((cursor) => store.query(pk, { ...(cursor ? { cursor } : {}) }))) { ... }
 */
export async function* allPages<T>(fetchPage: (cursor?: string) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}

/**
 * Adds `cursor` to query options only when there is one (exact optional properties).
 *
 * @example
 * store.query(pk, withCursor({ sk: { prefix: "MSG#" } }, cursor))
 */
export const withCursor = <T extends object>(options: T, cursor: string | undefined) =>
  cursor ? { ...options, cursor } : options;

/**
 * Runs `task` over `items` with at most `concurrency` in flight, keeping the input order.
 *
 * @example
 * const items = await mapLimit(keys, 16, (key) => store.get(key));
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

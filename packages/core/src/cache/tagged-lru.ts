import { LRUCache } from "lru-cache";
import type { Clock } from "../ports/observability.ts";

interface Entry {
  value: string;
  tags: readonly string[];
  expiresAt: number;
}

/**
 * A bounded in-process map of strings with a per-entry expiry and a tag index: the storage
 * behind the memory cache and the multi-level cache's L1. Expiry is checked against the
 * injected clock on every read, so it never depends on timers.
 */
export class TaggedLru {
  readonly #entries: LRUCache<string, Entry>;
  readonly #keysByTag = new Map<string, Set<string>>();
  readonly #clock: Clock;

  constructor(maxEntries: number, clock: Clock) {
    this.#clock = clock;
    this.#entries = new LRUCache<string, Entry>({
      max: maxEntries,
      // Runs on eviction, replacement and deletion alike, so the index never names a dead key.
      dispose: (entry, key) => this.#unindex(key, entry.tags),
    });
  }

  get(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#clock.now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: string, ttlMs: number, tags: readonly string[] = []): void {
    this.#entries.set(key, { value, tags, expiresAt: this.#clock.now() + ttlMs });
    for (const tag of tags) {
      const keys = this.#keysByTag.get(tag) ?? new Set<string>();
      keys.add(key);
      this.#keysByTag.set(tag, keys);
    }
  }

  /** Removes the keys; resolves how many were present and not yet expired. */
  delete(keys: Iterable<string>): number {
    let removed = 0;
    for (const key of keys) {
      if (this.get(key) !== undefined) removed++;
      this.#entries.delete(key);
    }
    return removed;
  }

  invalidateTag(tag: string): number {
    const keys = this.#keysByTag.get(tag);
    return keys ? this.delete([...keys]) : 0;
  }

  /** The live keys carrying `tag`. */
  members(tag: string): string[] {
    return [...(this.#keysByTag.get(tag) ?? [])].filter((key) => this.get(key) !== undefined);
  }

  get size(): number {
    return this.#entries.size;
  }

  #unindex(key: string, tags: readonly string[]) {
    for (const tag of tags) {
      const keys = this.#keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#keysByTag.delete(tag);
    }
  }
}

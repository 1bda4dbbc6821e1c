import type { Clock } from "../ports/observability.ts";
import type { GuildPluginState, PluginStateReader } from "./guild-state.ts";

/**
 * Keeps each server's plugin state in this container for `ttlMs`, so the ingress decides
 * whether a command may run without a round trip on a warm container. A change made in
 * another container reaches this one within `ttlMs`; concurrent misses share one read. At
 * most `maxEntries` servers are kept; the longest-held goes first. (A Map rather than an LRU
 * library: this runs in the ingress, where every kilobyte loads at a cold start.)
 *
 * @example
 * const states = cachedPluginStates(new DynamoPluginStateReader(client, table), { ttlMs: 15_000 });
 */
export function cachedPluginStates(
  reader: PluginStateReader,
  options: { ttlMs: number; maxEntries?: number; clock?: Clock },
): PluginStateReader {
  const now = () => options.clock?.now() ?? Date.now();
  const max = options.maxEntries ?? 10_000;
  const cache = new Map<string, { at: number; state: Promise<GuildPluginState> }>();
  return {
    read(guildId) {
      const hit = cache.get(guildId);
      if (hit && now() - hit.at < options.ttlMs) return hit.state;
      cache.delete(guildId);
      if (cache.size >= max) cache.delete(cache.keys().next().value ?? "");
      const state = reader.read(guildId);
      cache.set(guildId, { at: now(), state });
      // A failed read is not kept: the next request tries again.
      state.catch(() => cache.delete(guildId));
      return state;
    },
  };
}

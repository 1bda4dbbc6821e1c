import type { Clock } from "../ports/observability.ts";
import type { GuildPluginState, PluginStateReader } from "./guild-state.ts";

/** How long a container reads a server's choices straight through after a change was asked for. */
const CHANGE_WINDOW_MS = 60_000;

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
  // Servers whose choices are changing: read through until this time, so the admin who
  // changed them sees the change on their next command (other containers within `ttlMs`).
  const changing = new Map<string, number>();
  return {
    refresh(guildId) {
      cache.delete(guildId);
      changing.set(guildId, now() + CHANGE_WINDOW_MS);
    },
    read(guildId) {
      const until = changing.get(guildId);
      if (until !== undefined && now() >= until) changing.delete(guildId);
      if (until !== undefined && now() < until) return reader.read(guildId);
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

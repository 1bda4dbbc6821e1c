import type { Cache } from "./ports.ts";

/** Raised when a tenant id is not a Discord guild id (a snowflake: decimal digits only). */
export class TenantIdError extends Error {
  override name = "TenantIdError";
}

// Digits only, so the first ":" after the id ends it and no two tenants share a prefix.
const GUILD_ID = /^\d{1,20}$/;

/**
 * The prefix every cache key and tag of a guild carries: `g:<guildId>:`.
 *
 * @example
 * tenantPrefix("81384788765712384") // "g:81384788765712384:"
 */
export function tenantPrefix(guildId: string): string {
  if (!GUILD_ID.test(guildId)) throw new TenantIdError(`not a guild id: ${JSON.stringify(guildId)}`);
  return `g:${guildId}:`;
}

/**
 * A view of `cache` confined to one guild: every key and tag is namespaced `g:<guildId>:`, so
 * a key written through one guild's view can never be read, deleted or invalidated through
 * another's.
 *
 * @example
 * const guild = tenantCache(cache, interaction.guild_id);
 * await guild.set("settings", json, { ttlSeconds: 300, tags: ["settings"] }); // key "g:<id>:settings"
 */
export function tenantCache(cache: Cache, guildId: string): Cache {
  const prefix = tenantPrefix(guildId);
  const scoped = (name: string) => `${prefix}${name}`;
  return {
    get: (key) => cache.get(scoped(key)),
    set: (key, value, options) =>
      cache.set(scoped(key), value, {
        ttlSeconds: options.ttlSeconds,
        ...(options.tags ? { tags: options.tags.map(scoped) } : {}),
      }),
    delete: (...keys) => cache.delete(...keys.map(scoped)),
    invalidateTag: (tag) => cache.invalidateTag(scoped(tag)),
    members: async (tag) =>
      (await cache.members(scoped(tag))).flatMap((key) =>
        key.startsWith(prefix) ? [key.slice(prefix.length)] : [],
      ),
  };
}

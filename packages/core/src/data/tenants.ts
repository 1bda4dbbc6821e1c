import { ConditionFailedError } from "./errors.ts";
import { revisionOf } from "./items.ts";
import { itemKeys, TENANTS_PK } from "./keys.ts";
import { allPages, withCursor } from "./paging.ts";
import type { DocumentItem, DocumentStore } from "./ports.ts";

/**
 * The guilds that have stored data; the tier jobs walk it. `ensure` writes a guild's entry the
 * first time this container sees the guild, and is cheap afterwards.
 */
export interface TenantRegistry {
  ensure(tenant: string): Promise<void>;
  all(): AsyncGenerator<string>;
}

/**
 * @example
 * const tenants = createTenantRegistry(store, clock);
 * await tenants.ensure(guildId); // before the guild's first write
 * for await (const guild of tenants.all()) { ... }
 */
export function createTenantRegistry(store: DocumentStore, clock: { now(): number }): TenantRegistry {
  const known = new Set<string>();
  return {
    async ensure(tenant) {
      if (known.has(tenant)) return;
      const now = clock.now();
      const item: DocumentItem = {
        ...itemKeys.tenant(tenant),
        cls: "tenant",
        v: 1,
        tenant,
        createdAt: now,
        updatedAt: now,
        data: {},
      };
      try {
        await store.put(item, { ifAbsent: true });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
      known.add(tenant);
    },
    async *all() {
      for await (const item of allPages((cursor) => store.query(TENANTS_PK, withCursor({}, cursor)))) {
        yield item.tenant;
      }
    },
  };
}

export interface Lease {
  /** Gives the lease up, unless it expired and someone else took it meanwhile. */
  release(): Promise<void>;
}

/**
 * Takes a named lease on a tenant for `ttlMs`, or resolves `undefined` while another holder's
 * lease is live. An expired lease counts as free, so a crashed holder blocks nobody for long.
 *
 * @example
 * const lease = await acquireLease(store, { tenant, name: "tiers", owner: "cron", ttlMs: 900_000, now });
 * if (lease) try { ... } finally { await lease.release() }
 */
export async function acquireLease(
  store: DocumentStore,
  input: { tenant: string; name: string; owner: string; ttlMs: number; now: number },
): Promise<Lease | undefined> {
  const item: DocumentItem = {
    ...itemKeys.lease(input.tenant, input.name),
    cls: "lease",
    v: 1,
    tenant: input.tenant,
    createdAt: input.now,
    updatedAt: input.now,
    expiresAt: Math.ceil((input.now + input.ttlMs) / 1000),
    data: { owner: input.owner },
  };
  try {
    await store.put(item, { ifAbsent: true });
  } catch (error) {
    if (error instanceof ConditionFailedError) return undefined;
    throw error;
  }
  return {
    async release() {
      try {
        await store.delete(item, { ifUnchanged: revisionOf(item) });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    },
  };
}

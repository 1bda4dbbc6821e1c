import { SealedSchema } from "../../crypto/sealed.ts";
import type { KnowledgeDeps } from "../deps.ts";

/** Where a value lives in a guild's hot tier and under whose key it is sealed. */
export interface HotSlot {
  /** Key inside the guild's view, e.g. `cache:search:<id>`. */
  key: string;
  /** What the value is sealed for, e.g. `knowledge.saved-search`. */
  purpose: string;
}

/** The guild's hot-tier view with the envelope, or `undefined` when either is not wired. */
export function hotTier(deps: KnowledgeDeps, guildId: string) {
  if (!deps.cache || !deps.envelope) return undefined;
  return { cache: deps.cache.tenant(guildId), envelope: deps.envelope, guildId };
}

type Hot = NonNullable<ReturnType<typeof hotTier>>;

/**
 * Seals `value` (as JSON) for `subject` and stores it; tags let erasure drop it (`user:<id>`).
 *
 * @example
 * await putSealed(hot, { key: "cache:search:k2m4", purpose: "knowledge.saved-search" }, search, { subject: userId, ttlSeconds: 900, tags: [`user:${userId}`] });
 */
export async function putSealed(
  hot: Hot,
  slot: HotSlot,
  value: unknown,
  options: { subject: string; ttlSeconds: number; tags?: string[] },
): Promise<void> {
  const ctx = { tenant: hot.guildId, subject: options.subject, purpose: slot.purpose };
  const sealed = await hot.envelope.seal(JSON.stringify(value), ctx);
  const tags = options.tags && options.tags.length > 0 ? { tags: options.tags } : {};
  await hot.cache.set(slot.key, JSON.stringify(sealed), { ttlSeconds: options.ttlSeconds, ...tags });
}

/**
 * The value stored by `putSealed`, or `undefined` when it is absent, expired, or can no longer
 * be opened (its subject's key was shredded).
 *
 * @example
 * const search = await getSealed<SavedSearch>(hot, { key: "cache:search:k2m4", purpose: "knowledge.saved-search" });
 */
export async function getSealed<T>(hot: Hot, slot: HotSlot): Promise<T | undefined> {
  const raw = await hot.cache.get(slot.key);
  if (raw === undefined) return undefined;
  const sealed = SealedSchema.safeParse(safeJson(raw));
  if (!sealed.success || sealed.data.tenant !== hot.guildId) return undefined;
  try {
    const ctx = { tenant: hot.guildId, subject: sealed.data.subject, purpose: slot.purpose };
    return JSON.parse(await hot.envelope.open(sealed.data, ctx)) as T;
  } catch {
    return undefined; // shredded or tampered: as good as gone
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

import { z } from "zod";
import type { TenantCaches } from "../cache/ports.ts";
import type { Envelope } from "../crypto/envelope.ts";
import type { DataClassRegistry } from "../data/data-class.ts";
import { DataClassViolationError } from "../data/errors.ts";
import { isUserSubject } from "../data/keys.ts";
import { sealField } from "./sealed-fields.ts";

/**
 * The hot-tier tag of one member's entries (within a guild's view): export and erasure find
 * them by it, so every hot entry about a member must carry it.
 *
 * @example
 * userTag("80351110224678912") // "user:80351110224678912"
 */
export const userTag = (user: string) => `user:${user}`;

/** A hot entry about someone: its class, whom it is about, and `data` with sensitive fields sealed. */
export const HotEntrySchema = z.object({
  cls: z.string(),
  subject: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type HotEntry = z.infer<typeof HotEntrySchema>;

export interface HotEntryInput {
  tenant: string;
  subject: string;
  /** A class that lives in the hot tier, e.g. `conversation-context`. */
  cls: string;
  /** The key within the guild's view, e.g. `ctx:<channel>:<user>`. */
  name: string;
  /** Plain values; the class's sensitive fields are sealed here. */
  data: Record<string, unknown>;
  /** Default: the class's `hotTtlSeconds`. */
  ttlSeconds?: number;
}

/**
 * Writes one hot entry about a member: sensitive fields sealed under their key, the class's
 * TTL, and the member's tag, so export finds it and erasure removes it.
 *
 * @example
 * await writeHotEntry(services, { tenant: guildId, subject: userId, cls: "conversation-context",
 *   name: `ctx:${channelId}:${userId}`, data: { turns: [{ role: "user", text: "hi" }] } });
 */
export async function writeHotEntry(
  deps: { cache: TenantCaches; envelope: Envelope; data: { classes: DataClassRegistry } },
  input: HotEntryInput,
): Promise<void> {
  const cls = deps.data.classes.get(input.cls);
  if (!cls.tiers.includes("hot"))
    throw new DataClassViolationError(cls.id, "this class does not live in the hot tier");
  const data = { ...input.data };
  for (const field of cls.sensitiveFields) {
    if (data[field] === undefined) continue;
    const ctx = { tenant: input.tenant, subject: input.subject, cls: cls.id, field };
    data[field] = await sealField(deps.envelope, ctx, data[field]);
  }
  const entry: HotEntry = { cls: cls.id, subject: input.subject, data };
  const ttlSeconds = input.ttlSeconds ?? cls.hotTtlSeconds ?? 60;
  const tags = isUserSubject(input.subject) ? [userTag(input.subject)] : [];
  await deps.cache.tenant(input.tenant).set(input.name, JSON.stringify(entry), { ttlSeconds, tags });
}

import { HotEntrySchema, userTag } from "./hot-entries.ts";
import { openFields } from "./sealed-fields.ts";
import type { PrivacyServices, SubjectDataSource } from "./sources.ts";

function parseEntry(raw: string) {
  try {
    const parsed = HotEntrySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The hot tier (Redis): the entries of the guild's view tagged with the member's tag.
 * In-process L1 copies in other containers expire within seconds.
 *
 * @example
 * await hotSource(services).erase(guildId, userId); // { removed: 2 }
 */
export function hotSource(deps: Pick<PrivacyServices, "cache" | "envelope" | "data">): SubjectDataSource {
  return {
    name: "hot",
    tier: "hot",
    async export(tenant, subject) {
      const view = deps.cache.tenant(tenant);
      const items: unknown[] = [];
      for (const key of (await view.members(userTag(subject))).sort()) {
        const raw = await view.get(key);
        if (raw === undefined) continue;
        const entry = parseEntry(raw);
        if (!entry) {
          items.push({ key, value: raw });
          continue;
        }
        const data = await openFields(deps.envelope, deps.data.classes.find(entry.cls), {
          tenant,
          data: entry.data,
        });
        items.push({ key, cls: entry.cls, data });
      }
      return { items };
    },
    async erase(tenant, subject) {
      return { removed: await deps.cache.tenant(tenant).invalidateTag(userTag(subject)) };
    },
  };
}

/**
 * The member's data key (the key table). Export says whether it exists (never its material);
 * erasure shreds it, which makes every sealed copy anywhere unreadable, backups and Glacier
 * included. It always runs last.
 *
 * @example
 * await keySource(services).erase(guildId, userId); // { removed: 1 }
 */
export function keySource(deps: Pick<PrivacyServices, "subjectKeys" | "envelope">): SubjectDataSource {
  return {
    name: "keys",
    tier: "keys",
    async export(tenant, subject) {
      const wrapped = await deps.subjectKeys.get(tenant, subject);
      const items = wrapped
        ? [{ key: "data key", state: "present", note: "a 256-bit key wrapped by KMS; it seals your data" }]
        : [];
      return { items };
    },
    async erase(tenant, subject) {
      return { removed: (await deps.envelope.shred(tenant, subject)) ? 1 : 0 };
    },
  };
}

import { newItem, revise, revisionOf } from "../data/items.ts";
import { itemKeys } from "../data/keys.ts";
import type { DocumentItem } from "../data/ports.ts";
import type { DataServices } from "../data/services.ts";
import type { Clock } from "../ports/observability.ts";

/** A guild's knowledge switch as kept in its `guild-config` item. */
export interface KnowledgeSwitch {
  enabled: boolean;
  /** Who changed it last (`user:<id>`), and when (epoch ms). */
  by?: string;
  at?: number;
}

function switchOf(item: DocumentItem | undefined): KnowledgeSwitch {
  const value = item?.data.knowledge as KnowledgeSwitch | undefined;
  return value?.enabled === true ? value : { enabled: false, ...value };
}

/**
 * Whether a guild's admins turned knowledge on (`/knowledge enable`): until they do, the bot
 * reads no channel history there. Off by default.
 *
 * @example
 * if (!(await knowledgeSwitch(data.documents, guildId)).enabled) throw new VisibleError("…");
 */
export async function knowledgeSwitch(documents: DataServices["documents"], guild: string) {
  return switchOf(await documents.get(itemKeys.guildConfig(guild), { consistent: true }));
}

/**
 * Turns a guild's knowledge switch on or off, keeping the rest of its configuration, and
 * records the change in the audit log.
 *
 * @example
 * await setKnowledgeSwitch({ data, clock }, { guild, enabled: true, actor: `user:${userId}` });
 */
export async function setKnowledgeSwitch(
  deps: { data: DataServices; clock: Clock },
  input: { guild: string; enabled: boolean; actor: string },
): Promise<KnowledgeSwitch & { changed: boolean }> {
  const { documents, classes, tenants, audit } = deps.data;
  const key = itemKeys.guildConfig(input.guild);
  const current = await documents.get(key, { consistent: true });
  if (switchOf(current).enabled === input.enabled) return { ...switchOf(current), changed: false };
  const now = deps.clock.now();
  const knowledge: KnowledgeSwitch = { enabled: input.enabled, by: input.actor, at: now };
  if (current) {
    await documents.put(revise(current, { ...current.data, knowledge }, now), {
      ifUnchanged: revisionOf(current),
    });
  } else {
    await tenants.ensure(input.guild);
    const cls = classes.get("guild-config");
    await documents.put(newItem({ cls, tenant: input.guild, key, data: { knowledge }, now }), {
      ifAbsent: true,
    });
  }
  const action = input.enabled ? "knowledge.enabled" : "knowledge.disabled";
  await audit.record({ actor: input.actor, action, tenant: input.guild, cls: "guild-config" });
  return { ...knowledge, changed: true };
}

import { type Clock, type ItemKey, newItem, revise, tenantPk, type WarmData } from "@megawatts/core";
import { raced } from "./races.ts";

/** A server's moderation settings, kept warm in the `guild-config` class (no personal data). */
export interface ModerationSettings {
  /** Where every case is posted as an embed (`/modlog`). */
  modLogChannelId?: string;
  /** Where member reports go, with the moderators' buttons (`/modlog reports:`). */
  reportsChannelId?: string;
  /** The bot's user id, learned from the interactions: scheduled work acts as the bot. */
  botUserId?: string;
  /** The newest audit-log entry the sync has looked at. */
  auditCursor?: string;
}

export type SettingsData = Pick<WarmData, "documents" | "classes" | "tenants">;

const settingsKey = (guild: string): ItemKey => ({ pk: tenantPk(guild), sk: "CONFIG#MODERATION" });

/**
 * A server's moderation settings (empty when none were saved).
 *
 * @example
 * const { modLogChannelId } = await loadSettings(data, guildId);
 */
export async function loadSettings(data: SettingsData, guild: string): Promise<ModerationSettings> {
  const item = await data.documents.get(settingsKey(guild), { consistent: true });
  return (item?.data ?? {}) as ModerationSettings;
}

/**
 * Changes some settings of a server and keeps the rest, safely against a concurrent change.
 *
 * @example
 * await updateSettings({ data, clock }, guildId, { modLogChannelId: "1100000000000000022" });
 */
export async function updateSettings(
  deps: { data: SettingsData; clock: Clock },
  guild: string,
  patch: Partial<ModerationSettings>,
): Promise<ModerationSettings> {
  const key = settingsKey(guild);
  return raced.execute(async () => {
    const item = await deps.data.documents.get(key, { consistent: true });
    const next = { ...(item?.data ?? {}), ...patch };
    if (item) await deps.data.documents.put(revise(item, next, deps.clock.now()), { ifUnchanged: item });
    else {
      await deps.data.tenants.ensure(guild);
      const cls = deps.data.classes.get("guild-config");
      await deps.data.documents.put(newItem({ cls, tenant: guild, key, data: next, now: deps.clock.now() }), {
        ifAbsent: true,
      });
    }
    return next as ModerationSettings;
  });
}

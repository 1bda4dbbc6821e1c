import { newItem, revise } from "../../data/items.ts";
import { tenantPk } from "../../data/keys.ts";
import type { DocumentItem, ItemKey } from "../../data/ports.ts";
import type { DataServices } from "../../data/services.ts";

/** Where a channel's backfill stands: ids, times and counts, never text. */
export interface BackfillCursor {
  /** The oldest message read so far; the next page is read before it. */
  before?: string;
  /** The newest message read: where the incremental sync carries on once the backfill is done. */
  newestId?: string;
  /** `createdAt` of the newest and oldest messages read (epoch ms). */
  newest?: number;
  oldest?: number;
  /** Only messages from then on are indexed (epoch ms). */
  since?: number;
  pages: number;
  seen: number;
  indexed: number;
  duplicate: number;
  skipped: number;
  startedAt: number;
}

const cursorKey = (guild: string, channel: string): ItemKey => ({
  pk: tenantPk(guild),
  sk: `CONFIG#INDEX#${channel}`,
});

/**
 * The warm-tier record of a channel's backfill (a `guild-config` item beside the guild's
 * settings), so a crash, a failed page or the end of the interaction token's life leaves the
 * point to resume from.
 *
 * @example
 * const cursors = backfillCursors(data);
 * const cursor = await cursors.load(guildId, channelId);
 */
export function backfillCursors(data: DataServices) {
  let loaded: DocumentItem | undefined;
  return {
    async load(guild: string, channel: string): Promise<BackfillCursor | undefined> {
      loaded = await data.documents.get(cursorKey(guild, channel), { consistent: true });
      return loaded?.data.cursor as BackfillCursor | undefined;
    },
    async save(guild: string, channel: string, cursor: BackfillCursor, now: number): Promise<void> {
      const key = cursorKey(guild, channel);
      const next = { cursor: { ...cursor } };
      loaded = loaded
        ? revise(loaded, next, now)
        : newItem({ cls: data.classes.get("guild-config"), tenant: guild, key, data: next, now });
      await data.documents.put(loaded);
    },
    async clear(guild: string, channel: string): Promise<void> {
      await data.documents.delete(cursorKey(guild, channel));
      loaded = undefined;
    },
  };
}

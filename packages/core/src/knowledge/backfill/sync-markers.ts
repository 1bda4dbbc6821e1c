import { newItem, revise } from "../../data/items.ts";
import { tenantPk } from "../../data/keys.ts";
import type { ItemKey } from "../../data/ports.ts";
import type { WarmData } from "../../data/services.ts";

/** An indexed channel, kept current by the incremental sync: ids, times and counts, never text. */
export interface SyncMarker {
  channelId: string;
  /** The newest message indexed; the next sync reads after it. */
  latest: string;
  /** When the channel was last read (epoch ms). */
  syncedAt: number;
  /** Messages indexed in the channel so far, backfill included. */
  indexed: number;
}

const PREFIX = "CONFIG#SYNC#";
const markerKey = (guild: string, channel: string): ItemKey => ({
  pk: tenantPk(guild),
  sk: `${PREFIX}${channel}`,
});

/**
 * The warm-tier record of each indexed channel (a `guild-config` item beside the guild's
 * settings): written when `/index` finishes a channel, moved forward by each sync.
 *
 * @example
 * const markers = syncMarkers(data);
 * for (const marker of await markers.list(guildId)) console.log(marker.channelId, marker.syncedAt);
 */
export function syncMarkers(data: WarmData) {
  return {
    async list(guild: string): Promise<SyncMarker[]> {
      const markers: SyncMarker[] = [];
      let cursor: string | undefined;
      do {
        const page = await data.documents.query(tenantPk(guild), {
          sk: { prefix: PREFIX },
          ...(cursor ? { cursor } : {}),
        });
        for (const item of page.items) markers.push(item.data.marker as SyncMarker);
        cursor = page.cursor;
      } while (cursor);
      return markers;
    },
    async save(guild: string, marker: SyncMarker): Promise<void> {
      const key = markerKey(guild, marker.channelId);
      const current = await data.documents.get(key, { consistent: true });
      const next = { marker: { ...marker } };
      await data.documents.put(
        current
          ? revise(current, next, marker.syncedAt)
          : newItem({
              cls: data.classes.get("guild-config"),
              tenant: guild,
              key,
              data: next,
              now: marker.syncedAt,
            }),
      );
    },
  };
}

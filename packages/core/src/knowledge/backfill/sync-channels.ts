import { ingestMessages } from "../ingest.ts";
import type { HistoryMessage } from "../services.ts";
import type { BackfillDeps } from "./backfill-channel.ts";
import { type SyncMarker, syncMarkers } from "./sync-markers.ts";

const PAGE = 100;

export interface SyncResult {
  channels: number;
  indexed: number;
  /** Channels left for the next run because the signal aborted or the page budget ran out. */
  unfinished: number;
}

function newestOf(page: readonly HistoryMessage[], latest: string): string {
  return page.reduce(
    (newest, message) => (BigInt(message.id) > BigInt(newest) ? message.id : newest),
    latest,
  );
}

async function syncChannel(
  deps: BackfillDeps,
  guildId: string,
  marker: SyncMarker,
  budget: { pages: number; signal?: AbortSignal },
): Promise<{ indexed: number; finished: boolean }> {
  const markers = syncMarkers(deps.data);
  let { latest, indexed } = marker;
  for (;;) {
    if (budget.signal?.aborted || budget.pages <= 0)
      return { indexed: indexed - marker.indexed, finished: false };
    budget.pages -= 1;
    const page = await deps.history.after(marker.channelId, latest, PAGE);
    const usable = page.filter((message) => !message.bot && message.content.trim() !== "");
    const counts = await ingestMessages(
      deps.knowledge,
      guildId,
      usable.map(({ bot: _bot, ...message }) => message),
    );
    indexed += counts.new + counts.updated;
    latest = newestOf(page, latest);
    // Saved after every page, so a failure carries on from here and re-reads at most one page.
    await markers.save(guildId, { channelId: marker.channelId, latest, syncedAt: deps.clock.now(), indexed });
    if (page.length < PAGE) return { indexed: indexed - marker.indexed, finished: true };
  }
}

/**
 * Indexes what was posted since the last sync in every channel `/index` finished in a guild,
 * oldest first, so `/search` sees today's messages without another `/index`. Bots' and empty
 * messages are left out, opted-out members are skipped and duplicates deduped by ingestion.
 * Stops at `maxPages` history pages or when the signal aborts; the next run carries on.
 *
 * @example
 * const result = await syncChannels(deps, { guildId, signal, maxPages: 50 });
 */
export async function syncChannels(
  deps: BackfillDeps,
  input: { guildId: string; signal?: AbortSignal; maxPages?: number },
): Promise<SyncResult> {
  const markers = await syncMarkers(deps.data).list(input.guildId);
  const budget = { pages: input.maxPages ?? 50, ...(input.signal ? { signal: input.signal } : {}) };
  const result: SyncResult = { channels: markers.length, indexed: 0, unfinished: 0 };
  for (const marker of markers) {
    const channel = await syncChannel(deps, input.guildId, marker, budget);
    result.indexed += channel.indexed;
    if (!channel.finished) result.unfinished += 1;
  }
  return result;
}

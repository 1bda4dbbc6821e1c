import type { DataServices } from "../../data/services.ts";
import { acquireLease } from "../../data/tenants.ts";
import { VisibleError } from "../../errors.ts";
import { snowflakeTime } from "../../ids.ts";
import type { Clock } from "../../ports/observability.ts";
import type { KnowledgeDeps } from "../deps.ts";
import { ingestMessages } from "../ingest.ts";
import type { ChannelHistory, HistoryMessage } from "../services.ts";
import { type BackfillCursor, backfillCursors } from "./cursor.ts";
import { syncMarkers } from "./sync-markers.ts";

export interface BackfillDeps {
  /** The engine, with a `sink` that stores the text (sealed) as `remembered-message` items. */
  knowledge: KnowledgeDeps;
  history: ChannelHistory;
  data: DataServices;
  clock: Clock;
}

export interface BackfillInput {
  guildId: string;
  channelId: string;
  /** Index only messages from then on (epoch ms); a different value than the saved cursor's starts over. */
  since?: number;
  /** Who runs it (`user:<id>`), for the lease. */
  actor: string;
  /** Stop cleanly (cursor saved) when aborted, e.g. before the interaction token dies. */
  signal?: AbortSignal;
  onProgress?: (progress: BackfillProgress) => Promise<void> | void;
  /** Messages per history page (default and Discord's maximum: 100). */
  pageSize?: number;
}

/** A backfill's state: the cursor's counts, how far back it got (0–1), and whether it ended. */
export interface BackfillProgress extends BackfillCursor {
  state: "running" | "done" | "stopped";
  /** It continued from a cursor an earlier run left. */
  resumed: boolean;
  fraction: number;
}

/** Another `/index` holds the guild's backfill lease. */
export class BackfillBusyError extends VisibleError {
  override name = "BackfillBusyError";
}

const LEASE_MS = 15 * 60_000;

/**
 * Backfills a channel's history into the knowledge indexes, newest first, one page at a time:
 * bots' messages and empty ones are left out, members who opted out are skipped by ingestion,
 * and after each page the cursor is saved in the warm tier, so a failure or a stop resumes
 * where it was (re-reading at most one page, which ingestion dedupes). One backfill per guild
 * at a time (a lease); the cursor is cleared when the channel is done.
 *
 * @example
 * const result = await backfillChannel(deps, { guildId, channelId, actor: `user:${userId}`, signal, onProgress });
 * // result.state === "done" | "stopped"
 */
export async function backfillChannel(deps: BackfillDeps, input: BackfillInput): Promise<BackfillProgress> {
  const { guildId } = input;
  const lease = await acquireLease(deps.data.deps.store, {
    tenant: guildId,
    name: "knowledge-index",
    owner: input.actor,
    ttlMs: LEASE_MS,
    now: deps.clock.now(),
  });
  if (!lease)
    throw new BackfillBusyError("An /index is already running in this server; try again when it ends.");
  try {
    return await run(deps, input);
  } finally {
    await lease.release();
  }
}

async function run(deps: BackfillDeps, input: BackfillInput): Promise<BackfillProgress> {
  const { guildId, channelId } = input;
  const cursors = backfillCursors(deps.data);
  const saved = await cursors.load(guildId, channelId);
  const fresh = !saved || (input.since !== undefined && saved.since !== input.since);
  const since = input.since ?? saved?.since;
  let cursor: BackfillCursor = fresh
    ? {
        pages: 0,
        seen: 0,
        indexed: 0,
        duplicate: 0,
        skipped: 0,
        startedAt: deps.clock.now(),
        ...(since ? { since } : {}),
      }
    : saved;
  const progress = (state: BackfillProgress["state"]): BackfillProgress => ({
    ...cursor,
    state,
    resumed: !fresh,
    fraction: state === "done" ? 1 : fractionOf(cursor, channelId),
  });
  for (;;) {
    if (input.signal?.aborted) return progress("stopped");
    const page = await deps.history.before(channelId, cursor.before, input.pageSize ?? 100);
    const inRange = page.filter((message) => since === undefined || message.createdAt >= since);
    cursor = { ...cursor, ...(await ingestPage(deps.knowledge, guildId, inRange, cursor)) };
    const last = page.at(-1);
    if (last) {
      const newest = cursor.newest ?? page[0]?.createdAt ?? last.createdAt;
      const newestId = cursor.newestId ?? page[0]?.id ?? last.id;
      cursor = { ...cursor, before: last.id, newest, newestId, oldest: last.createdAt };
    }
    if (page.length < (input.pageSize ?? 100) || inRange.length < page.length) {
      // From now on the incremental sync keeps the channel current.
      await syncMarkers(deps.data).save(guildId, {
        channelId,
        latest: cursor.newestId ?? "0",
        syncedAt: deps.clock.now(),
        indexed: cursor.indexed,
      });
      await cursors.clear(guildId, channelId);
      const done = progress("done");
      await input.onProgress?.(done);
      return done;
    }
    await cursors.save(guildId, channelId, cursor, deps.clock.now());
    await input.onProgress?.(progress("running"));
  }
}

async function ingestPage(
  knowledge: KnowledgeDeps,
  guildId: string,
  page: readonly HistoryMessage[],
  cursor: BackfillCursor,
): Promise<Partial<BackfillCursor>> {
  const usable = page.filter((message) => !message.bot && message.content.trim() !== "");
  const counts = await ingestMessages(
    knowledge,
    guildId,
    usable.map(({ bot: _bot, ...message }) => message),
  );
  return {
    pages: cursor.pages + 1,
    seen: cursor.seen + page.length,
    indexed: cursor.indexed + counts.new + counts.updated,
    duplicate: cursor.duplicate + counts.duplicate,
    skipped: cursor.skipped + counts.skippedOptedOut + (page.length - usable.length) + counts.empty,
  };
}

/** How far back the backfill got, from the newest message toward `since` or the channel's creation. */
function fractionOf(cursor: BackfillCursor, channelId: string): number {
  if (cursor.newest === undefined || cursor.oldest === undefined) return 0;
  const start = Math.max(cursor.since ?? 0, snowflakeTime(channelId));
  const span = cursor.newest - start;
  if (span <= 0) return 0.99;
  return Math.min(0.99, Math.max(0, (cursor.newest - cursor.oldest) / span));
}

import { type DocumentItem, tenantPk } from "@megawatts/core";
import { FINISHED, type SelfEditRecord, SUCCEEDED } from "./record.ts";
import { type RecordDeps, toRecord } from "./store.ts";

const isRequest = (item: DocumentItem) => item.cls === "self-edit" && /^SE#se_[0-9A-Z]{26}$/.test(item.sk);

/**
 * A guild's most recent requests, newest first (round items are skipped). Reads pages of the
 * guild's `SE#` items backwards until `limit` requests are found or the history ends.
 *
 * @example
 * const recent = await recentRecords(deps, guildId, 10);
 */
export async function recentRecords(
  deps: Pick<RecordDeps, "data">,
  guild: string,
  limit: number,
  maxPages = 20,
): Promise<SelfEditRecord[]> {
  const found: SelfEditRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages && found.length < limit; page++) {
    const result = await deps.data.documents.query(tenantPk(guild), {
      sk: { prefix: "SE#se_" },
      reverse: true,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of result.items) if (isRequest(item) && found.length < limit) found.push(toRecord(item));
    if (!result.cursor) break;
    cursor = result.cursor;
  }
  return found;
}

/** How self-editing has gone in a guild. */
export interface SelfEditStats {
  requests: number;
  finished: number;
  /** Pull requests opened (merged or not) out of finished requests, 0–1. */
  successRate: number;
  merged: number;
  /** Repair rounds (rounds after the first) per request that reached the model. */
  meanRepairRounds: number;
  tokens: number;
  meanTokens: number;
}

/**
 * Statistics over a set of records: success rate, mean repair rounds and tokens.
 *
 * @example
 * statsOf(await recentRecords(deps, guild, 200)).successRate // 0.75
 */
export function statsOf(records: readonly SelfEditRecord[]): SelfEditStats {
  const finished = records.filter((record) => FINISHED.includes(record.status));
  const succeeded = finished.filter((record) => SUCCEEDED.includes(record.status));
  const modelled = records.filter((record) => record.rounds > 0);
  const tokens = records.reduce((sum, record) => sum + record.tokens.prompt + record.tokens.completion, 0);
  const repairs = modelled.reduce((sum, record) => sum + record.rounds - 1, 0);
  return {
    requests: records.length,
    finished: finished.length,
    successRate: finished.length === 0 ? 0 : succeeded.length / finished.length,
    merged: records.filter((record) => record.status === "merged").length,
    meanRepairRounds: modelled.length === 0 ? 0 : repairs / modelled.length,
    tokens,
    meanTokens: modelled.length === 0 ? 0 : tokens / modelled.length,
  };
}

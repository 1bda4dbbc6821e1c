import { type Clock, DAY_MS, itemKeys, newItem, revise, tenantPk, type WarmData } from "@megawatts/core";
import { raced } from "./races.ts";

/**
 * Moderation counters are kept 90 days: they expire then, before the `analytics` class would
 * move them to the cold tier (its 730 days are the ceiling for any counter, not this one's).
 */
export const STATS_DAYS = 90;
const PREFIX = "moderation.";

export interface StatsDeps {
  data: Pick<WarmData, "documents" | "classes" | "tenants">;
  clock: Clock;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Adds one to today's counter of `metric` for a server (`action.ban`, `command.warn`), safely
 * against concurrent increments. Counters hold no personal data: a name and a number per day.
 *
 * @example
 * await countUse(deps, guildId, "action.warn");
 */
export async function countUse(deps: StatsDeps, guild: string, metric: string): Promise<void> {
  const now = deps.clock.now();
  const key = itemKeys.analytics(guild, day(now), `${PREFIX}${metric}`);
  await raced.execute(async () => {
    const item = await deps.data.documents.get(key, { consistent: true });
    if (item) {
      const next = revise(item, { count: Number(item.data.count ?? 0) + 1 }, now);
      return deps.data.documents.put(next, { ifUnchanged: item });
    }
    await deps.data.tenants.ensure(guild);
    const cls = deps.data.classes.get("analytics");
    const created = newItem({ cls, tenant: guild, key, data: { count: 1 }, now });
    created.expiresAt = Math.ceil((now + STATS_DAYS * DAY_MS) / 1000);
    return deps.data.documents.put(created, { ifAbsent: true });
  });
}

/**
 * The moderation counters of the last `days` days, summed by metric, and per day.
 *
 * @example
 * const { totals } = await readStats(deps, guildId, 30); // { "action.warn": 4, "command.warn": 5 }
 */
export async function readStats(deps: StatsDeps, guild: string, days: number) {
  const to = day(deps.clock.now());
  const from = day(deps.clock.now() - (days - 1) * DAY_MS);
  const totals: Record<string, number> = {};
  const perDay: Record<string, number> = {};
  let cursor: string | undefined;
  do {
    const page = await deps.data.documents.query(tenantPk(guild), {
      sk: { between: [`STAT#${from}`, `STAT#${to}#~`] },
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) {
      const [, date = "", metric = ""] = item.sk.split("#");
      if (!metric.startsWith(PREFIX)) continue;
      const count = Number(item.data.count ?? 0);
      const name = metric.slice(PREFIX.length);
      totals[name] = (totals[name] ?? 0) + count;
      if (name.startsWith("action.")) perDay[date] = (perDay[date] ?? 0) + count;
    }
    cursor = page.cursor;
  } while (cursor);
  return { from, to, totals, perDay };
}

import { SYSTEM_PK, SYSTEM_TENANT } from "../data/keys.ts";
import type { DocumentStore } from "../data/ports.ts";
import type { DependencyState, DependencyStatus } from "./check-dependencies.ts";

/** How long changes of state are kept. */
export const HEALTH_HISTORY_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One dependency's record: its state now, since when, and its recent changes (oldest first). */
export interface HealthRecord {
  name: string;
  state: DependencyState;
  /** Epoch milliseconds of the last change of state (or of the first check). */
  since: number;
  checkedAt: number;
  changes: { at: number; state: DependencyState }[];
}

const key = (name: string) => ({ pk: SYSTEM_PK, sk: `HEALTH#${name}` });

/** The recorded history of each named dependency that has one. */
export async function readHealthHistory(
  documents: DocumentStore,
  names: readonly string[],
): Promise<Map<string, HealthRecord>> {
  const items = await Promise.all(names.map((name) => documents.get(key(name))));
  return new Map(
    items.flatMap((item) => (item ? [[String(item.data.name), item.data as unknown as HealthRecord]] : [])),
  );
}

/**
 * Keeps each health check's result: the state, since when it holds, and the changes of the
 * last `HEALTH_HISTORY_DAYS` days; the item itself expires that long after the last check, so
 * a dependency removed from the deployment leaves nothing behind.
 *
 * @example
 * await recordHealth(data.documents, await checkDependencies(checks, options), Date.now());
 */
export async function recordHealth(
  documents: DocumentStore,
  statuses: readonly DependencyStatus[],
  now: number,
): Promise<void> {
  const known = await readHealthHistory(
    documents,
    statuses.map((status) => status.name),
  );
  const cutoff = now - HEALTH_HISTORY_DAYS * DAY_MS;
  await documents.batchWrite({
    puts: statuses.map((status) => {
      const previous = known.get(status.name);
      const changed = previous?.state !== status.state;
      const changes = [
        ...(previous?.changes ?? []),
        ...(changed ? [{ at: now, state: status.state }] : []),
      ].filter((change) => change.at >= cutoff);
      const record: HealthRecord = {
        name: status.name,
        state: status.state,
        since: changed || !previous ? now : previous.since,
        checkedAt: now,
        changes,
      };
      return {
        ...key(status.name),
        cls: "health-history",
        v: 1,
        tenant: SYSTEM_TENANT,
        createdAt: now,
        updatedAt: now,
        expiresAt: Math.floor((now + HEALTH_HISTORY_DAYS * DAY_MS) / 1000),
        data: { ...record },
      };
    }),
  });
}

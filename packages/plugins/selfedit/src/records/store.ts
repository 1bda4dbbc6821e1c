import {
  type Clock,
  ConditionFailedError,
  type DataServices,
  type DocumentItem,
  type Envelope,
  itemKeys,
  newItem,
  openField,
  revise,
  sealField,
} from "@megawatts/core";
import type { RoundRecord, SelfEditRecord } from "./record.ts";

const CLS = "self-edit";

/** What the self-edit records are kept with. */
export interface RecordDeps {
  data: Pick<DataServices, "documents" | "classes" | "tenants">;
  envelope: Envelope;
  clock: Clock;
}

export type NewRecord = Omit<SelfEditRecord, "createdAt" | "updatedAt">;

/** A request item as a record: its data without the sealed text, with the item's times. */
export function toRecord(item: DocumentItem): SelfEditRecord {
  const { request: _sealed, ...data } = item.data;
  return { ...(data as NewRecord), createdAt: item.createdAt, updatedAt: item.updatedAt };
}

/** The round item's sort key: `SE#<request id>#R01`. */
export const roundKey = (guild: string, requestId: string, round: number) => {
  const key = itemKeys.selfEdit(guild, requestId);
  return { ...key, sk: `${key.sk}#R${String(round).padStart(2, "0")}` };
};

/**
 * Stores a new request with its text sealed under the requester's key; a retried job finds
 * the record already there and gets it back unchanged.
 *
 * @example
 * const record = await createRecord(deps, guild, { requestId, kind: "change", status: "proposing", ... }, text);
 */
export async function createRecord(
  deps: RecordDeps,
  guild: string,
  record: NewRecord,
  requestText: string,
): Promise<SelfEditRecord> {
  const key = itemKeys.selfEdit(guild, record.requestId);
  const field = { tenant: guild, subject: record.requestedBy, cls: CLS, field: "request" };
  const data = { ...record, request: await sealField(deps.envelope, field, requestText) };
  const cls = deps.data.classes.get(CLS);
  const item = newItem({ cls, tenant: guild, subject: record.requestedBy, key, data, now: deps.clock.now() });
  await deps.data.tenants.ensure(guild);
  try {
    await deps.data.documents.put(item, { ifAbsent: true });
    return toRecord(item);
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    return (await loadRecord(deps, guild, record.requestId)) ?? toRecord(item);
  }
}

/** The record of a request in a guild, or undefined. */
export async function loadRecord(
  deps: { data: Pick<DataServices, "documents"> },
  guild: string,
  requestId: string,
): Promise<SelfEditRecord | undefined> {
  const item = await deps.data.documents.get(itemKeys.selfEdit(guild, requestId), { consistent: true });
  return item ? toRecord(item) : undefined;
}

/** The request's text, opened from its sealed field (`{ erased: true }` once the requester's key is gone). */
export async function requestText(
  deps: Pick<RecordDeps, "data" | "envelope">,
  guild: string,
  requestId: string,
) {
  const item = await deps.data.documents.get(itemKeys.selfEdit(guild, requestId));
  const text = item ? await openField(deps.envelope, CLS, "request", guild, item.data.request) : undefined;
  return typeof text === "string" ? text : "(the request's text was erased)";
}

/**
 * Changes fields of a record, only if nobody changed it meanwhile (re-reading once on a race).
 *
 * @example
 * await updateRecord(deps, guild, requestId, { status: "discarded", decidedBy: userId });
 */
export async function updateRecord(
  deps: { data: Pick<DataServices, "documents">; clock: Clock },
  guild: string,
  requestId: string,
  patch: Partial<NewRecord>,
): Promise<SelfEditRecord> {
  for (let attempt = 0; ; attempt++) {
    const item = await deps.data.documents.get(itemKeys.selfEdit(guild, requestId), { consistent: true });
    if (!item) throw new Error(`no self-edit ${requestId} in guild ${guild}`);
    const next = revise(item, { ...item.data, ...patch }, deps.clock.now());
    try {
      await deps.data.documents.put(next, { ifUnchanged: item });
      return toRecord(next);
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || attempt > 0) throw error;
    }
  }
}

/** Stores one round of the model loop beside its request (same subject, so erasure reaches it). */
export async function saveRound(deps: RecordDeps, guild: string, requester: string, round: RoundRecord) {
  const cls = deps.data.classes.get(CLS);
  const key = roundKey(guild, round.requestId, round.round);
  const data = { ...round } as unknown as Record<string, unknown>;
  await deps.data.documents.put(
    newItem({ cls, tenant: guild, subject: requester, key, data, now: deps.clock.now() }),
  );
}

/** The rounds of a request, in order. */
export async function loadRounds(deps: Pick<RecordDeps, "data">, guild: string, requestId: string) {
  const prefix = `${itemKeys.selfEdit(guild, requestId).sk}#R`;
  const page = await deps.data.documents.query(itemKeys.selfEdit(guild, requestId).pk, { sk: { prefix } });
  return page.items.map((item) => item.data as unknown as RoundRecord);
}

import {
  ConditionFailedError,
  type DocumentItem,
  newItem,
  revise,
  revisionOf,
  type Sealed,
  tenantPk,
  type WarmData,
} from "@megawatts/core";

/** A ticket as stored: the opener in the clear (its subject), the close reason sealed. */
export interface TicketRecord {
  ticketId: string;
  threadId: string;
  channelId: string;
  openerId: string;
  status: "open" | "closed";
  openedAt: number;
  closedAt?: number;
  closedBy?: string;
  reason?: Sealed;
  /** Cold-tier keys of the sealed transcript, and how many messages it holds. */
  transcript?: { html: string; json: string; messages: number };
}

/** A member's open ticket marker: it makes "one open ticket per member" a single conditional write. */
interface OpenMarker {
  ticketId?: string;
  threadId?: string;
  /** While the thread is being made; a marker left by a crash stops blocking after this. */
  claimUntil: number;
}

const CLAIM_MS = 5 * 60_000;
/** A ticket's id names its thread: `tk_<thread id>`. */
export const ticketIdOf = (threadId: string) => `tk_${threadId}`;
const ticketKey = (guild: string, ticketId: string) => ({ pk: tenantPk(guild), sk: `TICKET#${ticketId}` });
const markerKey = (guild: string, userId: string) => ({ pk: tenantPk(guild), sk: `TICKET#OPEN#${userId}` });

export type Claim = { ok: true; marker: DocumentItem } | { ok: false; threadId: string | undefined };

/**
 * Claims a member's one open ticket: resolves the claim, or the thread of the ticket they
 * already have open. Two presses at once get one claim between them.
 */
export async function claimTicket(
  data: WarmData,
  guild: string,
  userId: string,
  now: number,
): Promise<Claim> {
  const key = markerKey(guild, userId);
  const cls = data.classes.get("ticket");
  const claim: OpenMarker = { claimUntil: now + CLAIM_MS };
  const existing = await data.documents.get(key, { consistent: true });
  const marker = existing
    ? revise(existing, { ...claim }, now)
    : newItem({ cls, tenant: guild, subject: userId, key, data: { ...claim }, now });
  const stale = existing && !existing.data.threadId && Number(existing.data.claimUntil) < now;
  if (existing && !stale) return { ok: false, threadId: existing.data.threadId as string | undefined };
  try {
    await data.tenants.ensure(guild);
    await data.documents.put(marker, existing ? { ifUnchanged: revisionOf(existing) } : { ifAbsent: true });
    return { ok: true, marker };
  } catch (error) {
    if (!(error instanceof ConditionFailedError)) throw error;
    const winner = await data.documents.get(key, { consistent: true });
    return { ok: false, threadId: winner?.data.threadId as string | undefined };
  }
}

/** Gives a claim back when the thread could not be made, so the member can try again. */
export async function releaseClaim(data: WarmData, marker: DocumentItem): Promise<void> {
  await data.documents.delete(marker, { ifUnchanged: revisionOf(marker) });
}

/** Stores the new ticket and points the member's marker at it, both or neither. */
export async function recordOpened(
  data: WarmData,
  guild: string,
  marker: DocumentItem,
  ticket: Pick<TicketRecord, "threadId" | "channelId" | "openerId">,
  now: number,
): Promise<TicketRecord> {
  const record: TicketRecord = {
    ...ticket,
    ticketId: ticketIdOf(ticket.threadId),
    status: "open",
    openedAt: now,
  };
  const item = newItem({
    cls: data.classes.get("ticket"),
    tenant: guild,
    subject: ticket.openerId,
    key: ticketKey(guild, record.ticketId),
    data: { ...record },
    now,
  });
  const pointed = revise(
    marker,
    { ...marker.data, ticketId: record.ticketId, threadId: ticket.threadId },
    now,
  );
  await data.documents.transact([
    { put: item, condition: { ifAbsent: true } },
    { put: pointed, condition: { ifUnchanged: revisionOf(marker) } },
  ]);
  return record;
}

/**
 * Forgets a ticket whose thread was deleted in Discord: it is marked closed without a
 * transcript, and its member may open another.
 */
export async function abandonTicket(
  data: WarmData,
  guild: string,
  userId: string,
  threadId: string,
  now: number,
) {
  const found = await loadTicket(data, guild, ticketIdOf(threadId));
  const marker = markerKey(guild, userId);
  if (!found) return data.documents.delete(marker);
  const closed = { ...found.ticket, status: "closed" as const, closedAt: now };
  await data.documents.transact([
    { put: revise(found.item, { ...closed }, now), condition: { ifUnchanged: revisionOf(found.item) } },
    { delete: marker },
  ]);
}

export async function loadTicket(
  data: WarmData,
  guild: string,
  ticketId: string,
): Promise<{ item: DocumentItem; ticket: TicketRecord } | undefined> {
  if (!/^tk_\d{17,20}$/.test(ticketId)) return undefined;
  const item = await data.documents.get(ticketKey(guild, ticketId), { consistent: true });
  return item && { item, ticket: item.data as unknown as TicketRecord };
}

/**
 * Marks a ticket closed with its transcript and frees the member to open another, both or
 * neither; a ticket someone closed meanwhile fails with `TransactionConditionError`.
 */
export async function recordClosed(
  data: WarmData,
  guild: string,
  item: DocumentItem,
  closed: Required<Pick<TicketRecord, "closedAt" | "closedBy" | "transcript">> & { reason?: Sealed },
): Promise<TicketRecord> {
  const ticket = { ...(item.data as unknown as TicketRecord), ...closed, status: "closed" as const };
  await data.documents.transact([
    { put: revise(item, { ...ticket }, closed.closedAt), condition: { ifUnchanged: revisionOf(item) } },
    { delete: markerKey(guild, ticket.openerId) },
  ]);
  return ticket;
}

import {
  BlobArchivedError,
  type Clock,
  type ColdBatchRef,
  coldBatchesOf,
  type DataDeps,
  type DataServices,
  type DocumentItem,
  type Envelope,
  findInCold,
  findSubjectItems,
  GUILD_SUBJECT,
  getOrPromote,
  type ItemKey,
  itemKeys,
  newItem,
  openField,
  promote,
  readColdItems,
  revise,
  sealField,
  subjectGsi1pk,
  TransactionConditionError,
  tenantPk,
  type WarmData,
  type WriteOp,
} from "@megawatts/core";
import { raced } from "../races.ts";
import { CASE_CLASS, CASE_SK, type CaseRecord, caseId, type NewCase } from "./case.ts";

/**
 * What the case store works with: the warm tier (and, with `deps`, the cold tier, where cases
 * move after 180 days), the envelope for reason and evidence, a clock.
 */
export interface CaseDeps {
  data: Pick<WarmData, "documents" | "classes" | "tenants"> & Partial<Pick<DataServices, "deps">>;
  envelope: Envelope;
  clock: Clock;
}

const counterKey = (guild: string): ItemKey => ({ pk: tenantPk(guild), sk: "CONFIG#MODERATION#CASES" });
/** Marks a Discord audit-log entry as imported, in the same transaction as its case. */
const importedKey = (guild: string, entryId: string): ItemKey => ({
  pk: tenantPk(guild),
  sk: `CONFIG#MODERATION#AUDIT#${entryId}`,
});
const caseKey = (guild: string, number: number) => itemKeys.moderationCase(guild, caseId(number));
const subjectOf = (targetId: string | undefined) => targetId ?? GUILD_SUBJECT;

/** Raised when an audit-log entry already has its case: the sync skips it. */
export class AlreadyImportedError extends Error {
  override name = "AlreadyImportedError";
}

async function seal(deps: CaseDeps, guild: string, subject: string, field: string, value: unknown) {
  return sealField(deps.envelope, { tenant: guild, subject, cls: CASE_CLASS, field }, value);
}

/** A stored case item as a record, its reason and evidence opened. */
export async function toRecord(deps: Pick<CaseDeps, "envelope">, item: DocumentItem): Promise<CaseRecord> {
  const { reason, evidence, ...data } = item.data;
  let erased = false;
  const open = async (field: string, value: unknown) => {
    if (value === undefined || value === null) return undefined;
    const opened = await openField(deps.envelope, CASE_CLASS, field, item.tenant, value);
    const closed = typeof opened === "object" && opened !== null && "erased" in opened;
    erased ||= closed;
    return closed ? undefined : opened;
  };
  const openedReason = await open("reason", reason);
  const openedEvidence = await open("evidence", evidence);
  return {
    ...(data as Omit<CaseRecord, "createdAt" | "updatedAt">),
    ...(erased ? { erased } : {}),
    ...(typeof openedReason === "string" ? { reason: openedReason } : {}),
    ...(openedEvidence !== undefined ? { evidence: openedEvidence } : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/**
 * Opens a case with the server's next number. The number comes from a counter item written in
 * one transaction with the case ("only if the counter is unchanged" and "only if the case is
 * absent"), so concurrent actions get distinct consecutive numbers with no gaps; a writer that
 * loses the race reads the counter again. With `auditEntryId`, a marker in the same transaction
 * makes the import happen once (`AlreadyImportedError` on a second try).
 *
 * @example
 * const record = await openCase(deps, guildId, { action: "warn", targetId, moderatorId, source: "command", reason });
 * record.number; // 1, 2, 3…
 */
export async function openCase(deps: CaseDeps, guild: string, input: NewCase): Promise<CaseRecord> {
  const subject = subjectOf(input.targetId);
  const { reason, evidence, ...plain } = input;
  const sealed = {
    ...(reason ? { reason: await seal(deps, guild, subject, "reason", reason) } : {}),
    ...(evidence !== undefined ? { evidence: await seal(deps, guild, subject, "evidence", evidence) } : {}),
  };
  await deps.data.tenants.ensure(guild);
  const config = deps.data.classes.get("guild-config");
  const cls = deps.data.classes.get(CASE_CLASS);
  return raced.execute(async () => {
    const now = deps.clock.now();
    const counter = await deps.data.documents.get(counterKey(guild), { consistent: true });
    const number = Number(counter?.data.last ?? 0) + 1;
    const data = { ...plain, links: input.links ?? [], number, ...sealed };
    const item = newItem({ cls, tenant: guild, subject, key: caseKey(guild, number), data, now });
    const ops: WriteOp[] = [
      counter
        ? { put: revise(counter, { last: number }, now), condition: { ifUnchanged: counter } }
        : {
            put: newItem({ cls: config, tenant: guild, key: counterKey(guild), data: { last: number }, now }),
            condition: { ifAbsent: true },
          },
      { put: item, condition: { ifAbsent: true } },
    ];
    if (input.auditEntryId) {
      const key = importedKey(guild, input.auditEntryId);
      const marker = newItem({ cls: config, tenant: guild, key, data: { case: number }, now });
      ops.push({ put: marker, condition: { ifAbsent: true } });
    }
    try {
      await deps.data.documents.transact(ops);
    } catch (error) {
      if (error instanceof TransactionConditionError && error.failed.includes(2))
        throw new AlreadyImportedError(`audit-log entry ${input.auditEntryId} already has a case`);
      throw error;
    }
    return toRecord(deps, item);
  });
}

/**
 * The stored case item, warm or (read in place, not promoted) cold, or undefined. Throws
 * `BlobArchivedError` when its cold batch has gone to the archive tier.
 */
export async function loadCaseItem(deps: CaseDeps, guild: string, number: number) {
  const key = caseKey(guild, number);
  const warm = await deps.data.documents.get(key, { consistent: true });
  const cold = deps.data.deps;
  if (warm || !cold) return warm;
  const batch = await findInCold(cold, { tenant: guild, cls: CASE_CLASS, sk: key.sk });
  const [item] = batch ? await readColdItems(cold, batch.ref, [key.sk]) : [];
  return item;
}

/** The case item in the warm tier, promoted back from the cold tier first when it moved there. */
async function warmCaseItem(deps: CaseDeps, guild: string, number: number) {
  const key = caseKey(guild, number);
  const warm = await deps.data.documents.get(key, { consistent: true });
  const cold = deps.data.deps;
  if (warm || !cold) return warm;
  return getOrPromote(cold, { ...key, tenant: guild, cls: CASE_CLASS });
}

/** A case's earlier reasons that moved to the cold tier, by batch. */
async function coldRevisions(cold: DataDeps, guild: string, number: number) {
  const prefix = `${caseKey(guild, number).sk}#R`;
  const found: { batch: ColdBatchRef; sks: string[] }[] = [];
  for await (const batch of coldBatchesOf(cold, { tenant: guild, cls: CASE_CLASS })) {
    const sks = batch.data.items.map((ref) => ref.sk).filter((sk) => sk.startsWith(prefix));
    if (sks.length > 0) found.push({ batch: batch.ref, sks });
  }
  return found;
}

/**
 * A case by number, reason and evidence opened; undefined when there is none.
 *
 * @example
 * const found = await loadCase(deps, guildId, 12);
 */
export async function loadCase(deps: CaseDeps, guild: string, number: number) {
  const item = await loadCaseItem(deps, guild, number);
  return item ? toRecord(deps, item) : undefined;
}

const COLD_CURSOR = /^cold:(\d+)$/;

/** What a case whose cold batch went on to the archive tier (`BlobArchivedError`) is answered with. */
export const ARCHIVED_CASE =
  "That case is in the archive tier (Glacier), where cases go about nine months after they were opened; it cannot be read or changed until the operator restores it.";

/**
 * A page of the cases about one member, newest first: the warm ones through their `gsi1`
 * partition, then (older than 180 days) the cold ones; a cursor `cold:<n>` pages through those.
 *
 * @example
 * const { cases, cursor } = await listCases(deps, guildId, userId, { limit: 5 });
 */
export async function listCases(
  deps: CaseDeps,
  guild: string,
  userId: string,
  options: { limit?: number; cursor?: string } = {},
): Promise<{ cases: CaseRecord[]; cursor?: string; archived?: number }> {
  const limit = options.limit ?? 5;
  const coldFrom = options.cursor?.match(COLD_CURSOR);
  if (coldFrom) return coldCases(deps, guild, userId, Number(coldFrom[1]), limit);
  const page = await deps.data.documents.queryGsi1(subjectGsi1pk(guild, userId), {
    sk: { prefix: "CASE#" },
    reverse: true,
    limit,
    ...(options.cursor ? { cursor: options.cursor } : {}),
  });
  const items = page.items.filter((item) => CASE_SK.test(item.sk));
  const cases = await Promise.all(items.map((item) => toRecord(deps, item)));
  if (page.cursor) return { cases, cursor: page.cursor };
  const older = await coldCases(deps, guild, userId, 0, limit - cases.length);
  return { ...older, cases: [...cases, ...older.cases] };
}

/**
 * The member's cold cases from `offset`, newest first, read in place (not promoted), and how
 * many are left out because their batch is in the archive tier.
 */
async function coldCases(deps: CaseDeps, guild: string, userId: string, offset: number, limit: number) {
  const cold = deps.data.deps;
  if (!cold) return { cases: [] };
  const holdings = (await findSubjectItems(cold, guild, userId)).cold;
  const items: DocumentItem[] = [];
  let archived = 0;
  for (const holding of holdings.filter((candidate) => candidate.batch.cls === CASE_CLASS)) {
    const sks = holding.sks.filter((sk) => CASE_SK.test(sk));
    try {
      if (sks.length > 0) items.push(...(await readColdItems(cold, holding.batch, sks)));
    } catch (error) {
      if (!(error instanceof BlobArchivedError)) throw error;
      archived += sks.length;
    }
  }
  items.sort((a, b) => b.sk.localeCompare(a.sk));
  const cases = await Promise.all(items.slice(offset, offset + limit).map((item) => toRecord(deps, item)));
  const next = offset + limit;
  return {
    cases,
    ...(next < items.length ? { cursor: `cold:${next}` } : {}),
    ...(archived ? { archived } : {}),
  };
}

/**
 * Changes a case with `change`, safely against concurrent edits; the previous reason, when the
 * change replaces it, is kept as a revision item (`CASE#<n>#R<time>`) sealed like the case.
 *
 * @example
 * await reviseCase(deps, guildId, 12, (data) => ({ ...data, modLog: entry }));
 */
export async function reviseCase(
  deps: CaseDeps,
  guild: string,
  number: number,
  change: (data: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<CaseRecord | undefined> {
  return raced.execute(async () => {
    const item = await warmCaseItem(deps, guild, number);
    if (!item) return undefined;
    const next = revise(item, await change(item.data), deps.clock.now());
    const ops: WriteOp[] = [{ put: next, condition: { ifUnchanged: item } }];
    const replaced = item.data.reason && next.data.reason && next.data.reason !== item.data.reason;
    if (replaced) {
      const key = { pk: item.pk, sk: `${item.sk}#R${String(next.updatedAt).padStart(15, "0")}` };
      const data = { reason: item.data.reason, by: item.data.reasonBy ?? item.data.moderatorId };
      const revision = newItem({
        cls: deps.data.classes.get(CASE_CLASS),
        tenant: guild,
        ...(item.subject ? { subject: item.subject } : {}),
        key,
        data,
        now: next.updatedAt,
      });
      ops.push({ put: revision, condition: { ifAbsent: true } });
    }
    await deps.data.documents.transact(ops);
    return toRecord(deps, next);
  });
}

/**
 * `/case reason`: a new reason, sealed; the old one stays as a revision.
 *
 * @example
 * await editReason(deps, guildId, 12, moderatorId, "Spam in #general, second time");
 */
export function editReason(deps: CaseDeps, guild: string, number: number, by: string, reason: string) {
  return reviseCase(deps, guild, number, async (data) => ({
    ...data,
    reason: await seal(deps, guild, subjectOf(data.targetId as string | undefined), "reason", reason),
    reasonBy: by,
  }));
}

/**
 * The earlier reasons of a case, oldest first, with who wrote each and when it was replaced.
 *
 * @example
 * const history = await reasonHistory(deps, guildId, 12); // [{ reason, by, replacedAt }]
 */
export async function reasonHistory(deps: CaseDeps, guild: string, number: number) {
  const key = caseKey(guild, number);
  const page = await deps.data.documents.query(key.pk, { sk: { prefix: `${key.sk}#R` }, consistent: true });
  const cold = deps.data.deps;
  const older = cold
    ? await Promise.all(
        (await coldRevisions(cold, guild, number)).map((found) =>
          readColdItems(cold, found.batch, found.sks),
        ),
      )
    : [];
  const items = [...older.flat(), ...page.items].sort((a, b) => a.sk.localeCompare(b.sk));
  return Promise.all(
    items.map(async (item) => ({
      reason: await openField(deps.envelope, CASE_CLASS, "reason", guild, item.data.reason),
      by: String(item.data.by),
      replacedAt: item.createdAt,
    })),
  );
}

/**
 * `/case delete` (admins): the case keeps its number, action and ids, marked deleted, and loses
 * its reason and evidence; numbering never reuses it.
 *
 * @example
 * await deleteCase(deps, guildId, 12, adminId);
 */
export async function deleteCase(deps: CaseDeps, guild: string, number: number, by: string) {
  const deleted = await reviseCase(deps, guild, number, (data) => {
    const { reason: _reason, evidence: _evidence, ...kept } = data;
    return { ...kept, deleted: { by, at: deps.clock.now() } };
  });
  const cold = deps.data.deps;
  // Earlier reasons that moved to the cold tier come back warm first, to be deleted with the rest.
  if (cold)
    for (const found of await coldRevisions(cold, guild, number))
      for (const sk of found.sks) await promote(cold, found.batch, sk);
  const key = caseKey(guild, number);
  const revisions = await deps.data.documents.query(key.pk, {
    sk: { prefix: `${key.sk}#R` },
    consistent: true,
  });
  await deps.data.documents.batchWrite({ deletes: revisions.items.map(({ pk, sk }) => ({ pk, sk })) });
  return deleted;
}

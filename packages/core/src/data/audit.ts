import { ulid } from "ulid";
import { z } from "zod";
import type { Clock } from "../ports/observability.ts";
import { DAY_MS } from "./data-class.ts";
import { auditPk } from "./keys.ts";
import type { DocumentItem, DocumentStore, Page } from "./ports.ts";

const RETENTION_DAYS = 365;
const id = z.string().regex(/^[\w-]{1,64}$/);

/** What happened to which data, by whom: ids, names and counts only, never content. */
export const AuditEntrySchema = z.object({
  /** `user:<id>` or `system:<job>`. */
  actor: z.string().regex(/^(user|system):[\w.-]{1,64}$/),
  /** Dotted lowercase, e.g. `data.exported`, `tier.migrated`. */
  action: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/),
  tenant: id,
  subject: id.optional(),
  cls: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional(),
  count: z.number().int().min(0).optional(),
  /** A job, request, batch or reference id. */
  reference: z
    .string()
    .regex(/^[\w#.:-]{1,160}$/)
    .optional(),
});
export type AuditEntry = z.input<typeof AuditEntrySchema>;

export interface AuditRecord extends AuditEntry {
  /** Epoch milliseconds. */
  at: number;
  id: string;
}

export interface AuditLog {
  /** Appends one record; it expires a year later. */
  record(entry: AuditEntry): Promise<AuditRecord>;
  /** A guild's records between two times (epoch ms, inclusive), oldest first. */
  query(
    tenant: string,
    range: { from: number; to: number; limit?: number; cursor?: string },
  ): Promise<Page<AuditRecord>>;
}

function toRecord(item: DocumentItem): AuditRecord {
  const subject = item.subject ? { subject: item.subject } : {};
  const entry = AuditEntrySchema.parse({ ...item.data, tenant: item.tenant, ...subject });
  return { ...entry, at: item.createdAt, id: item.sk.slice(item.sk.indexOf("#") + 1) };
}

/**
 * The append-only audit log: one item per record under `AUDIT#<guild>`, sorted by time.
 *
 * @example
 * const audit = createAuditLog({ store, clock });
 * await audit.record({ actor: "user:80351110224678912", action: "data.exported", tenant: guildId, subject: userId, count: 42 });
 * const { items } = await audit.query(guildId, { from: Date.now() - 86_400_000, to: Date.now() });
 */
export function createAuditLog(deps: { store: DocumentStore; clock: Clock }): AuditLog {
  return {
    async record(input) {
      const entry = AuditEntrySchema.parse(input);
      const at = deps.clock.now();
      const recordId = ulid(at);
      const { tenant, subject, ...data } = entry;
      const item: DocumentItem = {
        pk: auditPk(tenant),
        sk: `${new Date(at).toISOString()}#${recordId}`,
        cls: "audit",
        v: 1,
        tenant,
        ...(subject ? { subject } : {}),
        createdAt: at,
        updatedAt: at,
        expiresAt: Math.ceil((at + RETENTION_DAYS * DAY_MS) / 1000),
        data,
      };
      await deps.store.put(item, { ifAbsent: true });
      return { ...entry, at, id: recordId };
    },
    async query(tenant, range) {
      const from = new Date(range.from).toISOString();
      const to = `${new Date(range.to).toISOString()}#~`;
      const page = await deps.store.query(auditPk(tenant), {
        sk: { between: [from, to] },
        ...(range.limit ? { limit: range.limit } : {}),
        ...(range.cursor ? { cursor: range.cursor } : {}),
      });
      return { ...page, items: page.items.map(toRecord) };
    },
  };
}

import type { Envelope } from "../crypto/envelope.ts";
import { DecryptionError, KeyShreddedError } from "../crypto/errors.ts";
import { SealedSchema } from "../crypto/sealed.ts";
import type { DataClass } from "../data/data-class.ts";

/** Where a sensitive field lives: its item's tenant, subject and class, and the field's name. */
export interface FieldContext {
  tenant: string;
  subject: string;
  cls: string;
  field: string;
}

/**
 * Sealed fields whose purpose or encoding is not the default (`<class>.<field>`, plain text).
 * `json` fields hold JSON text (lists, objects); the knowledge feature reads message content
 * under the purpose `message.content`.
 */
const FIELDS: Readonly<Record<string, { purpose?: string; json?: true }>> = {
  "remembered-message.content": { purpose: "message.content" },
  "remembered-message.attachments": { json: true },
  "conversation-context.turns": { json: true },
  "moderation-case.evidence": { json: true },
  "user-profile.profile": { json: true },
};

/**
 * The purpose a sensitive field is sealed for, `<class>.<field>` unless the field is known by
 * an older name: a value sealed for one field fails to open as another, and anything that
 * knows the class can open its fields (export).
 *
 * @example
 * sealPurpose("remembered-message", "attachments") // "remembered-message.attachments"
 */
export function sealPurpose(cls: string, field: string): string {
  return FIELDS[`${cls}.${field}`]?.purpose ?? `${cls}.${field}`;
}

/**
 * Seals one field of one member's item: text as it is, a JSON field's value as JSON.
 *
 * @example
 * const content = await sealField(envelope, { tenant: guildId, subject: authorId,
 *   cls: "remembered-message", field: "content" }, "hello");
 */
export function sealField(envelope: Envelope, ctx: FieldContext, value: unknown) {
  const { tenant, subject, cls, field } = ctx;
  const json = FIELDS[`${cls}.${field}`]?.json === true;
  if (!json && typeof value !== "string") throw new TypeError(`${cls}.${field} is sealed as text`);
  const text = json ? JSON.stringify(value) : (value as string);
  return envelope.seal(text, { tenant, subject, purpose: sealPurpose(cls, field) });
}

/** What an opened field holds when it cannot be opened any more. */
export type UnopenedField = { erased: true } | { unreadable: true };

/**
 * Opens one sealed field: the text or JSON value it holds, `{ erased: true }` once its member's key is
 * shredded, `{ unreadable: true }` when it was tampered with or belongs elsewhere.
 *
 * @example
 * await openField(envelope, "remembered-message", "content", item.tenant, item.data.content); // "hello"
 */
export async function openField(
  envelope: Envelope,
  cls: string,
  field: string,
  tenant: string,
  value: unknown,
): Promise<unknown> {
  const sealed = SealedSchema.safeParse(value);
  if (!sealed.success) return value;
  const purpose = sealPurpose(cls, field);
  try {
    const text = await envelope.open(sealed.data, { tenant, subject: sealed.data.subject, purpose });
    return FIELDS[`${cls}.${field}`]?.json ? parseJson(text) : text;
  } catch (error) {
    if (error instanceof KeyShreddedError) return { erased: true } satisfies UnopenedField;
    if (error instanceof DecryptionError) return { unreadable: true } satisfies UnopenedField;
    throw error;
  }
}

/**
 * An item's `data` with every sensitive field of its class opened; other fields as stored.
 *
 * @example
 * const data = await openFields(envelope, classes.get(item.cls), item); // { content: "hello", ... }
 */
export async function openFields(
  envelope: Envelope,
  cls: DataClass | undefined,
  item: { tenant: string; data: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  const opened = { ...item.data };
  for (const field of cls?.sensitiveFields ?? []) {
    if (opened[field] === undefined) continue;
    opened[field] = await openField(envelope, cls?.id ?? "", field, item.tenant, opened[field]);
  }
  return opened;
}

// A JSON field written as bare text by other code still comes back.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

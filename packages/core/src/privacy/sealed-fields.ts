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
 * The purpose a sensitive field is sealed for, `<class>.<field>`: a value sealed for one field
 * fails to open as another, and anything that knows the class can open its fields (export).
 *
 * @example
 * sealPurpose("remembered-message", "content") // "remembered-message.content"
 */
export function sealPurpose(cls: string, field: string): string {
  return `${cls}.${field}`;
}

/**
 * Seals any JSON value for one field of one member's item.
 *
 * @example
 * const content = await sealField(envelope, { tenant: guildId, subject: authorId,
 *   cls: "remembered-message", field: "content" }, "hello");
 */
export function sealField(envelope: Envelope, ctx: FieldContext, value: unknown) {
  const { tenant, subject, cls, field } = ctx;
  return envelope.seal(JSON.stringify(value), { tenant, subject, purpose: sealPurpose(cls, field) });
}

/** What an opened field holds when it cannot be opened any more. */
export type UnopenedField = { erased: true } | { unreadable: true };

/**
 * Opens one sealed field: the JSON value it holds, `{ erased: true }` once its member's key is
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
    return parseJson(text);
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

// Fields are sealed as JSON; a value sealed as bare text by other code still comes back.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

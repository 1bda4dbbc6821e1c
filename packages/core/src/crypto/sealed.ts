import { z } from "zod";
import type { SealContext, Sealed } from "./aead.ts";
import { DecryptionError } from "./errors.ts";

export { openWithKey, type SealContext, type Sealed, sealWithKey } from "./aead.ts";

/** The shape of a {@link Sealed} value, to check one read from storage. */
export const SealedSchema = z.object({
  v: z.literal(1),
  alg: z.literal("A256GCM"),
  tenant: z.string().min(1),
  subject: z.string().min(1),
  iv: z.base64(),
  tag: z.base64(),
  ct: z.base64(),
}) satisfies z.ZodType<Sealed>;

/**
 * Checks that `value` (e.g. parsed from storage) is a sealed value for `ctx`'s tenant and
 * subject, before any key is looked up.
 *
 * @example
 * const sealed = parseSealed(JSON.parse(item.content), ctx);
 */
export function parseSealed(value: unknown, ctx: SealContext): Sealed {
  const parsed = SealedSchema.safeParse(value);
  if (!parsed.success) throw new DecryptionError("not a sealed value", { cause: parsed.error });
  if (parsed.data.tenant !== ctx.tenant || parsed.data.subject !== ctx.subject) {
    throw new DecryptionError("sealed value belongs to another tenant or subject");
  }
  return parsed.data;
}

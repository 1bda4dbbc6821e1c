import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from "node:crypto";
import { DecryptionError } from "./errors.ts";

// AES-256-GCM with bound context, without zod: the ingress seals job payloads with it and its
// bundle stays small (the schema that checks sealed values read from storage is in sealed.ts).

/** Where a sealed value belongs and what it is: all three are bound as additional data. */
export interface SealContext {
  tenant: string;
  subject: string;
  /** The field or use, e.g. `"message.content"`: a value sealed for one field fails in another. */
  purpose: string;
}

/**
 * A sealed value, JSON-safe (binary parts in base64). It names its tenant and subject so the
 * key can be found; it never carries key material.
 */
export interface Sealed {
  v: 1;
  alg: "A256GCM";
  tenant: string;
  subject: string;
  iv: string;
  tag: string;
  ct: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Length-prefixed (JSON) so no two contexts share one encoding. */
function additionalData(ctx: SealContext): Buffer {
  return Buffer.from(JSON.stringify(["megawatts.sealed.v1", ctx.tenant, ctx.subject, ctx.purpose]), "utf8");
}

/**
 * Encrypts `plaintext` with AES-256-GCM under `key`, binding tenant, subject and purpose.
 *
 * @example
 * const sealed = sealWithKey(key, "hello", { tenant: "1", subject: "2", purpose: "message.content" });
 */
export function sealWithKey(key: KeyObject, plaintext: string, ctx: SealContext): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(ctx));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    v: 1,
    alg: "A256GCM",
    tenant: ctx.tenant,
    subject: ctx.subject,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ct: ct.toString("base64"),
  };
}

/**
 * Decrypts what {@link sealWithKey} made; throws {@link DecryptionError} when the data or the
 * context does not match.
 *
 * @example
 * const text = openWithKey(key, sealed, { tenant: "1", subject: "2", purpose: "message.content" });
 */
export function openWithKey(key: KeyObject, sealed: Sealed, ctx: SealContext): string {
  const iv = Buffer.from(sealed.iv, "base64");
  const tag = Buffer.from(sealed.tag, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DecryptionError("malformed sealed value");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(ctx));
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.ct, "base64")), decipher.final()]);
    return text.toString("utf8");
  } catch (error) {
    throw new DecryptionError("sealed value failed authentication", { cause: error });
  }
}

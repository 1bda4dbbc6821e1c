import { createPublicKey, verify } from "node:crypto";

const SIGNATURE = /^[0-9a-f]{128}$/i;
const PUBLIC_KEY = /^[0-9a-f]{64}$/i;
// DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it.
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Checks Discord's Ed25519 signature over `timestamp + raw body`. Never throws. */
export type SignatureVerifier = (signature: string, timestamp: string, body: Buffer) => boolean;

/**
 * Builds a verifier for one application's public key, parsing the key once so each check is
 * a single `crypto.verify` call.
 *
 * @example
 * const verifySignature = createVerifier(process.env.DISCORD_PUBLIC_KEY);
 * verifySignature(headers["x-signature-ed25519"], headers["x-signature-timestamp"], rawBody);
 */
export function createVerifier(publicKeyHex: string): SignatureVerifier {
  if (!PUBLIC_KEY.test(publicKeyHex)) throw new Error("DISCORD_PUBLIC_KEY must be 64 hex characters");
  const key = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, "hex")]),
    format: "der",
    type: "spki",
  });
  return (signature, timestamp, body) => {
    // Buffer.from(hex) silently drops an odd trailing character, so check the shape first.
    if (!SIGNATURE.test(signature) || timestamp.length === 0) return false;
    try {
      return verify(
        null,
        Buffer.concat([Buffer.from(timestamp, "utf8"), body]),
        key,
        Buffer.from(signature, "hex"),
      );
    } catch {
      return false;
    }
  };
}

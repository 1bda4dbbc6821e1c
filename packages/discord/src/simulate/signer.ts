import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";

// DER prefixes of Ed25519 PKCS#8 private keys and SPKI public keys; the raw 32 bytes follow.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Signs interaction bodies the way Discord does: Ed25519 over `timestamp + body`. */
export interface Signer {
  /** 64 hex characters, the form Discord shows in the developer portal. */
  readonly publicKey: string;
  /** The 32-byte private seed as 64 hex characters. Keep it out of logs. */
  readonly privateKey: string;
  /** The hex signature Discord sends in `X-Signature-Ed25519`. */
  sign(body: string | Buffer, timestamp: string): string;
  /** Every header Discord sends with an interaction, signature included. */
  headers(body: string | Buffer, timestamp?: string): Record<string, string>;
}

function keyObjectFromSeed(seedHex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(seedHex)) throw new Error("an Ed25519 private key must be 64 hex characters");
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, Buffer.from(seedHex, "hex")]),
    format: "der",
    type: "pkcs8",
  });
}

/**
 * The current time as Discord puts it in `X-Signature-Timestamp` (whole seconds).
 *
 * @example
 * signatureTimestamp(Date.now() - 10 * 60_000) // a stale timestamp, ten minutes ago
 */
export function signatureTimestamp(now = Date.now()): string {
  return String(Math.floor(now / 1000));
}

/**
 * A real Ed25519 key pair that signs like Discord; pass a stored private key to reuse it.
 *
 * @example
 * const signer = createSigner();
 * const body = JSON.stringify(interaction);
 * await fetch(url, { method: "POST", body, headers: signer.headers(body) });
 */
export function createSigner(privateKeyHex?: string): Signer {
  const privateKey = privateKeyHex
    ? keyObjectFromSeed(privateKeyHex)
    : generateKeyPairSync("ed25519").privateKey;
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(PKCS8_PREFIX.length);
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  const signBody = (body: string | Buffer, timestamp: string) =>
    sign(null, Buffer.concat([Buffer.from(timestamp, "utf8"), Buffer.from(body)]), privateKey).toString(
      "hex",
    );
  return {
    publicKey: spki.subarray(SPKI_PREFIX.length).toString("hex"),
    privateKey: seed.toString("hex"),
    sign: signBody,
    headers(body, timestamp = signatureTimestamp()) {
      return {
        "content-type": "application/json",
        "user-agent": "Discord-Interactions/1.0 (+https://discord.com)",
        "x-signature-ed25519": signBody(body, timestamp),
        "x-signature-timestamp": timestamp,
      };
    },
  };
}

import { createPrivateKey, createPublicKey, type KeyObject, sign } from "node:crypto";

// DER prefix of an Ed25519 PKCS#8 private key; the 32-byte seed follows it.
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
// A fixed seed, so every run signs with the same key pair and sends the same bytes per id.
const SEED = Buffer.alloc(32, 0x6d);

/** An application key pair, with the public key as the 64 hex characters Discord shows. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKeyHex: string;
}

export function benchSigningKey(): SigningKey {
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, SEED]),
    format: "der",
    type: "pkcs8",
  });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return { privateKey, publicKeyHex: spki.subarray(-32).toString("hex") };
}

/** A body with the headers Discord sends for it, signed over `timestamp + body` as Discord does. */
export interface SignedRequest {
  body: Buffer;
  headers: Record<string, string>;
}

/** Signs `payload` with the current time as its timestamp, exactly as Discord signs a delivery. */
export function signInteraction(key: SigningKey, payload: unknown, now = Date.now()): SignedRequest {
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  const timestamp = String(Math.floor(now / 1000));
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp, "utf8"), body]), key.privateKey);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "Discord-Interactions/1.0 (+https://discord.com)",
      "x-signature-ed25519": signature.toString("hex"),
      "x-signature-timestamp": timestamp,
    },
  };
}

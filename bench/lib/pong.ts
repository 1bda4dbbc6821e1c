import { createPublicKey, verify } from "node:crypto";

// DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it.
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const SIGNATURE = /^[0-9a-f]{128}$/i;
const PONG = JSON.stringify({ type: 1 });

export interface PongReply {
  statusCode: number;
  body: string;
}

/**
 * The baseline: the least an interactions endpoint can do. It verifies the signature with a
 * KeyObject built once and answers PONG, with no parsing, routing, logging or metrics.
 */
export function createPong(publicKeyHex: string) {
  const key = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, "hex")]),
    format: "der",
    type: "spki",
  });
  return (signature: string, timestamp: string, body: Buffer): PongReply => {
    const valid =
      SIGNATURE.test(signature) &&
      verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, "hex"));
    return valid ? { statusCode: 200, body: PONG } : { statusCode: 401, body: "invalid request signature" };
  };
}

import { randomBytes } from "node:crypto";
import { KmsProtocolError, type MasterKey, unwrap, wrap } from "./kms-keyring.ts";

/** The local key as KMS names it: by id, ARN, alias or alias ARN. */
export interface LocalKey {
  master: MasterKey;
  arn: string;
  alias: string;
  aliasArn: string;
}

type Input = Record<string, unknown>;
type Operation = (key: LocalKey, input: Input) => Record<string, unknown>;

const validation = (message: string) => new KmsProtocolError("ValidationException", message);

function resolveKey(key: LocalKey, keyId: unknown): void {
  if (typeof keyId !== "string" || keyId === "") throw validation("KeyId is required");
  if (![key.master.keyId, key.arn, key.alias, key.aliasArn].includes(keyId)) {
    throw new KmsProtocolError("NotFoundException", `Key '${keyId}' does not exist`);
  }
}

function context(input: Input): Record<string, string> {
  const value = input.EncryptionContext ?? {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw validation("EncryptionContext must be a map of strings");
  }
  for (const entry of Object.values(value)) {
    if (typeof entry !== "string") throw validation("EncryptionContext values must be strings");
  }
  return value as Record<string, string>;
}

function blob(input: Input, field: string, maxBytes: number): Buffer {
  const value = input[field];
  if (typeof value !== "string" || value === "") throw validation(`${field} is required`);
  const bytes = Buffer.from(value, "base64");
  if (bytes.length === 0 || bytes.length > maxBytes)
    throw validation(`${field} must be 1 to ${maxBytes} bytes`);
  return bytes;
}

function dataKeyBytes(input: Input): number {
  if (input.KeySpec === "AES_256") return 32;
  if (input.KeySpec === "AES_128") return 16;
  const n = input.NumberOfBytes;
  if (typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 1024) return n;
  throw validation("Specify KeySpec (AES_256 or AES_128) or NumberOfBytes (1 to 1024)");
}

const b64 = (bytes: Buffer) => bytes.toString("base64");

/** The operations the local KMS serves, by `X-Amz-Target` suffix. Blobs are base64, as on the wire. */
export const operations: Record<string, Operation> = {
  GenerateDataKey(key, input) {
    resolveKey(key, input.KeyId);
    const plaintext = randomBytes(dataKeyBytes(input));
    return {
      KeyId: key.arn,
      Plaintext: b64(plaintext),
      CiphertextBlob: b64(wrap(key.master, plaintext, context(input))),
    };
  },
  Encrypt(key, input) {
    resolveKey(key, input.KeyId);
    const plaintext = blob(input, "Plaintext", 4096);
    const ciphertext = wrap(key.master, plaintext, context(input));
    return { KeyId: key.arn, CiphertextBlob: b64(ciphertext), EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
  },
  Decrypt(key, input) {
    if (input.KeyId !== undefined) resolveKey(key, input.KeyId);
    const plaintext = unwrap(key.master, blob(input, "CiphertextBlob", 6144), context(input));
    return { KeyId: key.arn, Plaintext: b64(plaintext), EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
  },
  DescribeKey(key, input) {
    resolveKey(key, input.KeyId);
    const [, , , region, account] = key.arn.split(":");
    return {
      KeyMetadata: {
        AWSAccountId: account,
        KeyId: key.master.keyId,
        Arn: key.arn,
        CreationDate: key.master.createdAt,
        Enabled: true,
        Description: `megawatts local data key (${region})`,
        KeyUsage: "ENCRYPT_DECRYPT",
        KeyState: "Enabled",
        Origin: "AWS_KMS",
        KeyManager: "CUSTOMER",
        CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
        KeySpec: "SYMMETRIC_DEFAULT",
        EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
        MultiRegion: false,
      },
    };
  },
};

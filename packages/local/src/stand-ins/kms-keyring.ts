import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** An error in KMS's wire shape: `{"__type": type, "message": ...}` with an HTTP status. */
export class KmsProtocolError extends Error {
  override name = "KmsProtocolError";
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The one symmetric master key of a local KMS. Its material never leaves this process. */
export interface MasterKey {
  keyId: string;
  material: Buffer;
  /** Epoch seconds, as DescribeKey reports it. */
  createdAt: number;
}

const FORMAT = 1;
const HEADER = 1 + 16 + 12 + 16; // format, key id, iv, tag

function newMasterKey(): MasterKey {
  return { keyId: randomUUID(), material: randomBytes(32), createdAt: Math.floor(Date.now() / 1000) };
}

/**
 * The master key kept in `<dataDir>/kms/master-key.json` (mode 0600, made on first use), or a
 * fresh one in memory when there is no data dir.
 *
 * @example
 * const master = await loadMasterKey(".data"); // same key on every start
 */
export async function loadMasterKey(dataDir?: string): Promise<MasterKey> {
  if (!dataDir) return newMasterKey();
  const directory = join(dataDir, "kms");
  const file = join(directory, "master-key.json");
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const fresh = newMasterKey();
  const text = JSON.stringify({ ...fresh, material: fresh.material.toString("base64") });
  try {
    await writeFile(file, text, { mode: 0o600, flag: "wx" });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const saved = JSON.parse(await readFile(file, "utf8")) as {
    keyId: string;
    material: string;
    createdAt: number;
  };
  return { keyId: saved.keyId, material: Buffer.from(saved.material, "base64"), createdAt: saved.createdAt };
}

// Order-insensitive, as in KMS: {a, b} and {b, a} are one context.
function contextData(keyId: string, context: Record<string, string>): Buffer {
  const entries = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify([keyId, entries]), "utf8");
}

/**
 * Encrypts under the master key with AES-256-GCM, binding the encryption context as
 * additional data. The blob names the key, as a KMS ciphertext does.
 *
 * @example
 * const blob = wrap(master, plaintext, { tenant: "g1", subject: "u1" });
 */
export function wrap(master: MasterKey, plaintext: Buffer, context: Record<string, string>): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", master.material, iv);
  cipher.setAAD(contextData(master.keyId, context));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const id = Buffer.from(master.keyId.replaceAll("-", ""), "hex");
  return Buffer.concat([Buffer.of(FORMAT), id, iv, cipher.getAuthTag(), ct]);
}

/**
 * Reverses {@link wrap}; a blob from another key, a tampered blob or another context all fail
 * with `InvalidCiphertextException`, as in KMS.
 *
 * @example
 * const plaintext = unwrap(master, blob, { tenant: "g1", subject: "u1" });
 */
export function unwrap(master: MasterKey, blob: Buffer, context: Record<string, string>): Buffer {
  const id = Buffer.from(master.keyId.replaceAll("-", ""), "hex");
  const invalid = () => new KmsProtocolError("InvalidCiphertextException", "The ciphertext is invalid.");
  if (blob.length < HEADER || blob[0] !== FORMAT || !blob.subarray(1, 17).equals(id)) throw invalid();
  try {
    const decipher = createDecipheriv("aes-256-gcm", master.material, blob.subarray(17, 29));
    decipher.setAAD(contextData(master.keyId, context));
    decipher.setAuthTag(blob.subarray(29, HEADER));
    return Buffer.concat([decipher.update(blob.subarray(HEADER)), decipher.final()]);
  } catch {
    throw invalid();
  }
}

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type {
  DataKey,
  EncryptionContext,
  JobKeyRef,
  JobKeys,
  KeyService,
  SubjectKeyStore,
} from "@megawatts/core";

const contextData = (context: EncryptionContext) =>
  Buffer.from(JSON.stringify([context.tenant, context.subject]));
const itemId = (tenant: string, subject: string) => JSON.stringify([tenant, subject]);
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A KMS stand-in in memory: wraps data keys with AES-256-GCM under its own master key, binds
 * the context as additional data (so a wrong context fails as in KMS), and counts calls.
 *
 * @example
 * const keys = new FakeKeyService();
 * await keys.generateDataKey({ tenant: "g", subject: "u" }); keys.calls.generateDataKey // 1
 */
export class FakeKeyService implements KeyService {
  readonly calls = { generateDataKey: 0, decrypt: 0 };
  readonly #master = randomBytes(32);

  get totalCalls(): number {
    return this.calls.generateDataKey + this.calls.decrypt;
  }

  async generateDataKey(context: EncryptionContext): Promise<DataKey> {
    this.calls.generateDataKey++;
    await tick();
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#master, iv).setAAD(contextData(context));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext: new Uint8Array(plaintext), wrapped: Buffer.concat([iv, cipher.getAuthTag(), ct]) };
  }

  async decrypt(wrapped: Uint8Array, context: EncryptionContext): Promise<Uint8Array> {
    this.calls.decrypt++;
    await tick();
    const bytes = Buffer.from(wrapped);
    const decipher = createDecipheriv("aes-256-gcm", this.#master, bytes.subarray(0, 12));
    decipher.setAAD(contextData(context)).setAuthTag(bytes.subarray(12, 28));
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]));
  }
}

/**
 * Wrapped subject keys in a map. Every call yields to the event loop first, so concurrent
 * callers interleave as they would against a real table.
 *
 * @example
 * const store = new InMemorySubjectKeyStore();
 * await store.putIfAbsent("g", "u", wrapped); store.items.size // 1
 */
export class InMemorySubjectKeyStore implements SubjectKeyStore {
  /** Raw items, keyed `JSON.stringify([tenant, subject])`, for asserting on what is stored. */
  readonly items = new Map<string, Uint8Array>();

  /** @param jobKeys the job keys that shredding a subject deletes too, as the key table does. */
  constructor(readonly jobKeys = new InMemoryJobKeys()) {}

  async get(tenant: string, subject: string) {
    await tick();
    const wrapped = this.items.get(itemId(tenant, subject));
    return wrapped && new Uint8Array(wrapped);
  }

  async putIfAbsent(tenant: string, subject: string, wrapped: Uint8Array) {
    await tick();
    const id = itemId(tenant, subject);
    if (!this.items.has(id)) this.items.set(id, new Uint8Array(wrapped));
    return new Uint8Array(this.items.get(id) as Uint8Array);
  }

  async delete(tenant: string, subject: string) {
    await tick();
    this.jobKeys.deleteSubject(tenant, subject);
    return this.items.delete(itemId(tenant, subject));
  }

  async listSubjects(tenant: string) {
    await tick();
    const pairs = [...this.items.keys()].map((id) => JSON.parse(id) as [string, string]);
    return pairs.filter(([owner]) => owner === tenant).map(([, subject]) => subject);
  }
}

/**
 * Keys of sealed job payloads in a map, as the key table keeps them: shredding a subject in an
 * {@link InMemorySubjectKeyStore} built on it deletes theirs.
 *
 * @example
 * const jobKeys = new InMemoryJobKeys(); const store = new InMemorySubjectKeyStore(jobKeys);
 */
export class InMemoryJobKeys implements JobKeys {
  /** Raw keys, keyed `JSON.stringify([tenant, subject, keyId])`. */
  readonly items = new Map<string, Uint8Array>();

  async put(ref: JobKeyRef, key: Uint8Array) {
    await tick();
    this.items.set(JSON.stringify([ref.tenant, ref.subject, ref.keyId]), new Uint8Array(key));
  }

  async get(ref: JobKeyRef) {
    await tick();
    const key = this.items.get(JSON.stringify([ref.tenant, ref.subject, ref.keyId]));
    return key && new Uint8Array(key);
  }

  async delete(ref: JobKeyRef) {
    await tick();
    this.items.delete(JSON.stringify([ref.tenant, ref.subject, ref.keyId]));
  }

  /** Deletes every key of a subject (what shredding them does). */
  deleteSubject(tenant: string, subject: string) {
    for (const id of this.items.keys()) {
      const [owner, who] = JSON.parse(id) as [string, string, string];
      if (owner === tenant && who === subject) this.items.delete(id);
    }
  }
}

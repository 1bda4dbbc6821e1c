import { createSecretKey, randomBytes, randomUUID } from "node:crypto";
import { openWithKey, sealWithKey } from "../crypto/aead.ts";
import type { Job } from "./job.ts";

/**
 * A job payload sealed for the queue: AES-256-GCM under a random key of its own, which is kept
 * in the key table under the member the payload is about (never in the message).
 */
export type SealedPayload = NonNullable<Job["sealedPayload"]>;

/** Which job key: the member (subject) in a guild (tenant) it is filed under, and its id. */
export interface JobKeyRef {
  tenant: string;
  subject: string;
  keyId: string;
}

/**
 * Where the keys of sealed job payloads live: the key table, which has no backups, so shredding
 * a member (which deletes their job keys too) leaves every queued or dead-lettered copy of their
 * jobs unreadable.
 *
 * @example
 * await keys.put({ tenant: guildId, subject: authorId, keyId }, key);
 */
export interface JobKeys {
  put(ref: JobKeyRef, key: Uint8Array): Promise<void>;
  /** The key, or `undefined` once it is gone (the member erased their data, or the job ran). */
  get(ref: JobKeyRef): Promise<Uint8Array | undefined>;
  delete(ref: JobKeyRef): Promise<void>;
}

/** The sealed payload's key was deleted: the member it is about erased their data. */
export class ErasedPayloadError extends Error {
  override name = "ErasedPayloadError";
}

const purpose = (job: Pick<Job, "id" | "kind">) => `job.${job.kind}.${job.id}`;

const refOf = (payload: SealedPayload): JobKeyRef => ({
  tenant: payload.sealed.tenant,
  subject: payload.sealed.subject,
  keyId: payload.keyId,
});

/**
 * Seals a job's payload about `subject` before it is queued: a fresh key is stored first, then
 * the payload leaves only as ciphertext bound to the job's id and kind.
 *
 * @example
 * const queued = await sealJobPayload(keys, job, message.authorId); // queued.payload === null
 */
export async function sealJobPayload(keys: Pick<JobKeys, "put">, job: Job, subject: string): Promise<Job> {
  const tenant = job.interaction.guildId ?? "direct";
  const key = randomBytes(32);
  const keyId = randomUUID();
  await keys.put({ tenant, subject, keyId }, key);
  const sealed = sealWithKey(createSecretKey(key), JSON.stringify(job.payload ?? null), {
    tenant,
    subject,
    purpose: purpose(job),
  });
  return { ...job, payload: null, sealedPayload: { keyId, sealed } };
}

/**
 * The job with its payload opened, when it was sealed; throws {@link ErasedPayloadError} when
 * its key is gone.
 *
 * @example
 * const job = await openJobPayload(keys, parsed);
 */
export async function openJobPayload(keys: Pick<JobKeys, "get">, job: Job): Promise<Job> {
  if (!job.sealedPayload) return job;
  const ref = refOf(job.sealedPayload);
  const key = await keys.get(ref);
  if (!key) throw new ErasedPayloadError(`the key of job ${job.id}'s payload is gone`);
  const { tenant, subject } = ref;
  const text = openWithKey(createSecretKey(key), job.sealedPayload.sealed, {
    tenant,
    subject,
    purpose: purpose(job),
  });
  return { ...job, payload: JSON.parse(text) };
}

/**
 * Deletes a sealed job's key once the job is done, so the copies SQS may still hold (a
 * redelivery, the dead-letter queue) can no longer be opened.
 */
export async function forgetJobPayload(keys: Pick<JobKeys, "delete">, job: Job): Promise<void> {
  if (job.sealedPayload) await keys.delete(refOf(job.sealedPayload));
}

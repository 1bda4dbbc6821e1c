import type { JobKeyRef } from "@megawatts/core";

// The job keys' item layout, apart from any client, so the ingress's writer carries no SDK.

/** A job key outlives the dead-letter queue's 14 days by one, then the table's TTL drops it. */
const JOB_KEY_LIFETIME_SECONDS = 15 * 24 * 60 * 60;

// The partition of a member's job keys: apart from subject keys, so the ingress may only write here.
export const jobKeyPartition = (tenant: string, subject: string) => `J#${tenant}#${subject}`;

/** The key of a job key's item. */
export const jobKeyOf = (ref: JobKeyRef) => ({
  pk: { S: jobKeyPartition(ref.tenant, ref.subject) },
  sk: { S: ref.keyId },
});

/**
 * A job key's item without the key itself: where it lives and when the table's TTL drops it.
 * Each writer adds `key` as its protocol carries bytes.
 */
export function jobKeyItem(ref: JobKeyRef, now = Date.now()) {
  const expiresAt = Math.floor(now / 1000) + JOB_KEY_LIFETIME_SECONDS;
  return { ...jobKeyOf(ref), expiresAt: { N: String(expiresAt) } };
}

import { createHash } from "node:crypto";
import { snowflakeTime } from "@megawatts/core";
import { ulid } from "ulid";

/** `se_` and a ULID: what a self-edit request id looks like. */
export const REQUEST_ID = /^se_[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * The id of the self-edit that an interaction starts: a ULID whose time is the interaction's
 * and whose random part is derived from its id, so a replayed interaction names the same
 * request (and its queue message is deduplicated) while ids still sort by time.
 *
 * @example
 * requestIdFor("1300000000000000000") // "se_01JB…" (the same every time)
 */
export function requestIdFor(interactionId: string): string {
  const digest = createHash("sha256").update(`megawatts.selfedit.v1:${interactionId}`).digest();
  let index = 0;
  const prng = () => (digest[index++ % digest.length] as number) / 256;
  return `se_${ulid(snowflakeTime(interactionId), prng)}`;
}

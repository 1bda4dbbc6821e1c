import { randomBytes } from "node:crypto";

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/**
 * A Discord snowflake for the given time (default now), unique within this process.
 *
 * @example
 * snowflake() // "1310000000000000001"
 */
export function snowflake(time = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(time) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/**
 * A fresh interaction token shaped like Discord's (long, base64url, starting with
 * "aW50ZXJhY3Rpb246", which is `interaction:`).
 *
 * @example
 * interactionToken(snowflake()) // "aW50ZXJhY3Rpb246MTMx..."
 */
export function interactionToken(interactionId: string): string {
  const inner = `interaction:${interactionId}:${randomBytes(64).toString("base64url")}`;
  return Buffer.from(inner).toString("base64url");
}

/** The fixed snowflake a local runtime uses as its application id unless told otherwise. */
export const DEV_APPLICATION_ID = "1100000000000000001";
/** Fixed ids so repeated local runs see the same guild, channel and user. */
export const DEV_GUILD_ID = "1100000000000000002";
export const DEV_CHANNEL_ID = "1100000000000000003";
export const DEV_USER_ID = "1100000000000000004";

import { ulid } from "ulid";

/**
 * A prefixed, time-sortable id, so a log line tells what it names.
 *
 * @example
 * newId("se") // "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R"
 */
export function newId(prefix: string): string {
  return `${prefix}_${ulid()}`;
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * The creation time, in epoch milliseconds, encoded in a Discord snowflake.
 *
 * @example
 * snowflakeTime("175928847299117063") // 1462015105796
 */
export function snowflakeTime(snowflake: string): number {
  return Number((BigInt(snowflake) >> 22n) + DISCORD_EPOCH);
}

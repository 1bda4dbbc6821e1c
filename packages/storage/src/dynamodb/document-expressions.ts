import type { DeleteCondition, PutCondition, SortKeyCondition } from "@megawatts/core";

/** A DynamoDB expression with its placeholder maps. */
export interface Expression {
  text: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

const LIVE = "(attribute_not_exists(#expiresAt) OR #expiresAt > :now)";

/**
 * Keeps items whose TTL has not passed at `nowSeconds`.
 *
 * @example
 * liveFilter(1_700_000_000).text // "(attribute_not_exists(#expiresAt) OR #expiresAt > :now)"
 */
export function liveFilter(nowSeconds: number): Expression {
  return { text: LIVE, names: { "#expiresAt": "expiresAt" }, values: { ":now": nowSeconds } };
}

/**
 * The condition of a conditional write. Expired items count as absent: `ifAbsent` succeeds
 * over one, `ifExists` and `ifUnchanged` fail on one; `ifExpired` holds only for one.
 *
 * @example
 * writeCondition({ ifAbsent: true }, now).text // "attribute_not_exists(#pk) OR #expiresAt <= :now"
 */
export function writeCondition(condition: PutCondition | DeleteCondition, nowSeconds: number): Expression {
  const names: Record<string, string> = { "#pk": "pk", "#expiresAt": "expiresAt" };
  const values: Record<string, unknown> = { ":now": nowSeconds };
  if ("ifAbsent" in condition) {
    return { text: "attribute_not_exists(#pk) OR #expiresAt <= :now", names, values };
  }
  if ("ifExpired" in condition)
    return { text: "#expiresAt <= :now", names: { "#expiresAt": "expiresAt" }, values };
  const parts = ["attribute_exists(#pk)", LIVE];
  if ("ifUnchanged" in condition) {
    const { updatedAt, accessedAt } = condition.ifUnchanged;
    names["#updatedAt"] = "updatedAt";
    values[":updatedAt"] = updatedAt;
    parts.push("#updatedAt = :updatedAt");
    if (accessedAt !== undefined) {
      names["#accessedAt"] = "accessedAt";
      if (accessedAt === null) parts.push("attribute_not_exists(#accessedAt)");
      else {
        values[":accessedAt"] = accessedAt;
        parts.push("#accessedAt = :accessedAt");
      }
    }
  }
  return { text: parts.join(" AND "), names, values };
}

/**
 * The key condition of a query on `hash` (and optionally the range attribute).
 *
 * @example
 * sortKeyCondition("pk", "sk", "G#1", { prefix: "MSG#" }).text // "#h = :h AND begins_with(#r, :r)"
 */
export function sortKeyCondition(
  hash: string,
  range: string,
  value: string,
  sk: SortKeyCondition | undefined,
): Expression {
  const names: Record<string, string> = { "#h": hash };
  const values: Record<string, unknown> = { ":h": value };
  if (!sk) return { text: "#h = :h", names, values };
  names["#r"] = range;
  if ("prefix" in sk) {
    values[":r"] = sk.prefix;
    return { text: "#h = :h AND begins_with(#r, :r)", names, values };
  }
  if ("between" in sk) {
    values[":r0"] = sk.between[0];
    values[":r1"] = sk.between[1];
    return { text: "#h = :h AND #r BETWEEN :r0 AND :r1", names, values };
  }
  if ("from" in sk) {
    values[":r"] = sk.from;
    return { text: "#h = :h AND #r >= :r", names, values };
  }
  values[":r"] = sk.to;
  return { text: "#h = :h AND #r <= :r", names, values };
}

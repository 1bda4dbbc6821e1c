import { UnknownDataClassError } from "./errors.ts";

export type Tier = "hot" | "warm" | "cold" | "archive";

/** Turns `data` of one schema version into the next. */
export type Upgrade = (data: Record<string, unknown>) => Record<string, unknown>;

/** Which partition a class's items live in; each names the tenant. */
export type Partition = "tenant" | "audit" | "registry" | "jobs";

/**
 * What the bot stores, where, and for how long. Every item names its class in `cls`.
 */
export interface DataClass {
  id: string;
  description: string;
  /** Items are about one user, who is their `subject` (reachable through `gsi1`). */
  personal: boolean;
  /** Fields of `data` that must hold sealed values, never plaintext. */
  sensitiveFields: readonly string[];
  /** The tiers the class may occupy, top down. */
  tiers: readonly Tier[];
  /** Time to live in the hot tier, for classes that live there. */
  hotTtlSeconds?: number;
  /** When items move from warm to cold: days since creation, or since the last read. */
  moveToCold?: { afterDays: number; by: "age" | "access" };
  /** Age in days at which items are deleted from every tier; absent: kept until deleted. */
  retentionDays?: number;
  partition: Partition;
  /** Sort-key prefix of the class's items in its partition (warm classes). */
  skPrefix?: string;
  /** Human-readable key layout, for the docs. */
  keyDesign: { pk: string; sk: string; gsi1?: string };
  /** Current schema version of `data`. */
  version: number;
  /** `upgrades[n]` turns version `n` into `n + 1`. */
  upgrades?: Readonly<Record<number, Upgrade>>;
  /** Bookkeeping of the data layer itself, not listed in the class table. */
  system?: boolean;
  /**
   * Erasure keeps this class's items about the member (a legitimate interest, such as a server's
   * moderation record); their sealed fields can never be opened again once the member's key is
   * shredded.
   */
  keptOnErasure?: boolean;
}

export const DAY_MS = 86_400_000;

/** Mirrors the `cold-to-archive` lifecycle rule in `stacks/storage.ts` (days after upload). */
export const COLD_LIFECYCLE = { standardIaAfterDays: 30, glacierAfterDays: 90 } as const;

/**
 * Where an item of `cls` belongs at `now`, by its age (and last read where the class moves by
 * access): the tier, or `"deleted"` once past retention.
 *
 * @example
 * tierAt(rememberedMessage, { createdAt: now - 40 * DAY_MS }, now) // "cold"
 */
export function tierAt(
  cls: DataClass,
  item: { createdAt: number; accessedAt?: number },
  now: number,
): Tier | "deleted" {
  if (cls.retentionDays !== undefined && now - item.createdAt >= cls.retentionDays * DAY_MS) return "deleted";
  if (!cls.tiers.includes("warm")) return cls.tiers[0] ?? "hot";
  if (!cls.moveToCold) return "warm";
  const since =
    cls.moveToCold.by === "access" ? Math.max(item.createdAt, item.accessedAt ?? 0) : item.createdAt;
  const coldAt = since + cls.moveToCold.afterDays * DAY_MS;
  if (now < coldAt) return "warm";
  return now - coldAt >= COLD_LIFECYCLE.glacierAfterDays * DAY_MS ? "archive" : "cold";
}

/**
 * The tier path in one line, for the docs and the policy report.
 *
 * @example
 * describeTierPath(rememberedMessage)
 * // "warm 30 d after last read → cold → archive 90 d later → deleted at 365 d"
 */
export function describeTierPath(cls: DataClass): string {
  const end = cls.retentionDays === undefined ? "kept until deleted" : `deleted at ${cls.retentionDays} d`;
  if (!cls.tiers.includes("warm")) return `hot, TTL ${cls.hotTtlSeconds ?? 0} s`;
  if (!cls.moveToCold) return `warm, ${end}`;
  const { afterDays, by } = cls.moveToCold;
  const trigger = by === "access" ? "after last read" : "after creation";
  return `warm ${afterDays} d ${trigger} → cold → archive ${COLD_LIFECYCLE.glacierAfterDays} d later → ${end}`;
}

export interface DataClassRegistry {
  /** The class, or throws `UnknownDataClassError`. */
  get(id: string): DataClass;
  find(id: string): DataClass | undefined;
  all(): readonly DataClass[];
}

/**
 * Looks classes up by id.
 *
 * @example
 * const classes = createDataClassRegistry(DATA_CLASSES);
 * classes.get("remembered-message").retentionDays // 365
 */
export function createDataClassRegistry(classes: readonly DataClass[]): DataClassRegistry {
  const byId = new Map(classes.map((cls) => [cls.id, cls]));
  if (byId.size !== classes.length) throw new Error("data class ids must be unique");
  return {
    get(id) {
      const cls = byId.get(id);
      if (!cls) throw new UnknownDataClassError(id);
      return cls;
    },
    find: (id) => byId.get(id),
    all: () => classes,
  };
}

import type { Tier } from "../data/data-class.ts";
import type { PluginPorts } from "../plugins/ports.ts";
import { hotSource, keySource } from "./hot-key-sources.ts";
import { coldSource, warmSource } from "./store-sources.ts";

/** Where a source keeps a member's data: a storage tier, the key table, or a derived index. */
export type SourceTier = Tier | "keys" | "index";

/** What one source holds about one member in one guild, sealed fields opened. */
export interface SourceExport {
  items: unknown[];
  /** What the items leave out and why (an archived batch, an unreachable store). */
  notes?: string[];
}

/** What erasing one member from one source did. */
export interface SourceErasure {
  removed: number;
  /** Items deliberately kept (the opt-out preference). */
  kept?: number;
  notes?: string[];
}

/**
 * One place that holds data about members: export reads it, erasure removes it. Erasure runs
 * every source in list order and the `keys` sources last, so a member's key is shredded only
 * after everything sealed under it is gone, and a failed source is retried before that.
 *
 * @example
 * const vectors: SubjectDataSource = { name: "vectors", tier: "index",
 *   export: async (guild, user) => ({ items: await index.idsOf(guild, user) }),
 *   erase: async (guild, user) => ({ removed: await index.deleteOf(guild, user) }) };
 */
export interface SubjectDataSource {
  name: string;
  tier: SourceTier;
  export(tenant: string, subject: string): Promise<SourceExport>;
  erase(tenant: string, subject: string): Promise<SourceErasure>;
}

/** What the built-in sources and the privacy use cases work with. */
export type PrivacyServices = Pick<PluginPorts, "data" | "envelope" | "subjectKeys" | "cache">;

/**
 * The sources every deployment has, in erasure order: warm, cold, hot, then the key. The
 * knowledge feature adds its vector index as one more source.
 *
 * @example
 * const sources = [...subjectDataSources(services), vectorIndexSource(index)];
 */
export function subjectDataSources(services: PrivacyServices): SubjectDataSource[] {
  return [warmSource(services), coldSource(services), hotSource(services), keySource(services)];
}

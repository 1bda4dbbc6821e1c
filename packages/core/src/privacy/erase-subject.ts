import type { Clock } from "../ports/observability.ts";
import { type SubjectRequest, SubjectRequestSchema } from "./export-subject.ts";
import type { PrivacyServices, SourceErasure, SourceTier, SubjectDataSource } from "./sources.ts";

/** What erasing one member from one guild did, source by source. */
export interface SubjectErasure {
  guild: string;
  user: string;
  erasedAt: string;
  sources: (SourceErasure & { name: string; tier: SourceTier })[];
  /** Items removed from every source together (the shredded key included). */
  removed: number;
}

/**
 * Erases a member's data from every source of one guild: each source in list order, the
 * `keys` sources last (crypto-shredding makes whatever a backup or Glacier still holds
 * unreadable), then one audit record with the count and no content. A source that fails
 * stops the erasure before the key is shredded; running it again finishes the job.
 *
 * @example
 * const report = await eraseSubjectData({ ...services, clock }, subjectDataSources(services),
 *   { guild: guildId, user: userId, actor: `user:${userId}`, reference: job.id });
 */
export async function eraseSubjectData(
  deps: Pick<PrivacyServices, "data"> & { clock: Clock },
  sources: readonly SubjectDataSource[],
  request: SubjectRequest,
): Promise<SubjectErasure> {
  const { guild, user, actor, reference } = SubjectRequestSchema.parse(request);
  const ordered = [
    ...sources.filter((source) => source.tier !== "keys"),
    ...sources.filter((source) => source.tier === "keys"),
  ];
  const done: SubjectErasure["sources"] = [];
  for (const source of ordered) {
    done.push({ name: source.name, tier: source.tier, ...(await source.erase(guild, user)) });
  }
  const removed = done.reduce((sum, source) => sum + source.removed, 0);
  await deps.data.audit.record({
    actor,
    action: "privacy.erased",
    tenant: guild,
    subject: user,
    count: removed,
    ...(reference ? { reference } : {}),
  });
  return { guild, user, erasedAt: new Date(deps.clock.now()).toISOString(), sources: done, removed };
}

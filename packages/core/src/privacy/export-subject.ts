import { z } from "zod";
import type { Clock } from "../ports/observability.ts";
import type { PrivacyServices, SourceTier, SubjectDataSource } from "./sources.ts";

const snowflake = z.string().regex(/^\d{1,20}$/, "must be a Discord id (digits only)");

/** Who asks about whom: a guild, a member, and the actor named in the audit log. */
export const SubjectRequestSchema = z.object({
  guild: snowflake,
  user: snowflake,
  /** `user:<id>` for a member acting on themselves, `system:<tool>` for an operator. */
  actor: z.string().regex(/^(user|system):[\w.-]{1,64}$/),
  /** A job or request id recorded with the audit entry. */
  reference: z.string().optional(),
});
export type SubjectRequest = z.input<typeof SubjectRequestSchema>;

/** Everything the bot holds about one member in one guild, by source, sealed fields opened. */
export interface SubjectExport {
  format: "megawatts.export.v1";
  guild: string;
  user: string;
  generatedAt: string;
  sources: { name: string; tier: SourceTier; count: number; items: unknown[]; notes?: string[] }[];
  notes: string[];
}

const NOTES = [
  "Sealed fields (message content, attachment names, profile) are shown opened; they are stored encrypted under a key of your own.",
  "The audit log keeps ids-only records of who read or changed your data (this export included) for 365 days.",
];

/**
 * Gathers what every source holds about a member in a guild into one JSON-ready document,
 * and records the export (a count, no content) in the audit log. Nothing is written to any
 * tier but that audit record: the document exists only in memory until it is delivered.
 *
 * @example
 * const doc = await exportSubjectData({ ...services, clock }, subjectDataSources(services),
 *   { guild: guildId, user: userId, actor: `user:${userId}` });
 */
export async function exportSubjectData(
  deps: Pick<PrivacyServices, "data"> & { clock: Clock },
  sources: readonly SubjectDataSource[],
  request: SubjectRequest,
): Promise<SubjectExport> {
  const { guild, user, actor, reference } = SubjectRequestSchema.parse(request);
  const exported: SubjectExport["sources"] = [];
  for (const source of sources) {
    const { items, notes } = await source.export(guild, user);
    exported.push({
      name: source.name,
      tier: source.tier,
      count: items.length,
      items,
      ...(notes ? { notes } : {}),
    });
  }
  const count = exported.reduce((sum, source) => sum + source.count, 0);
  await deps.data.audit.record({
    actor,
    action: "privacy.exported",
    tenant: guild,
    subject: user,
    count,
    ...(reference ? { reference } : {}),
  });
  const generatedAt = new Date(deps.clock.now()).toISOString();
  return { format: "megawatts.export.v1", guild, user, generatedAt, sources: exported, notes: NOTES };
}

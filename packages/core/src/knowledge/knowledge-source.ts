import type { PluginPorts } from "../plugins/ports.ts";
import { type PrivacyServices, type SubjectDataSource, subjectDataSources } from "../privacy/sources.ts";
import { plural } from "../text/plural.ts";
import type { KnowledgeDeps } from "./deps.ts";
import { forgetAuthor } from "./forget.ts";

/**
 * The knowledge indexes as one more place the privacy feature exports from and erases:
 * export lists the member's indexed messages (ids and times, no text: the text is exported from
 * the warm and cold tiers); erasure removes them from the keyword and vector indexes and drops
 * the member's hot-tier search and conversation entries.
 *
 * @example
 * const sources = [...subjectDataSources(services), knowledgeIndexSource(knowledgeDeps)];
 * await eraseSubjectData(deps, sources, { guild, user, actor });
 */
export function knowledgeIndexSource(deps: KnowledgeDeps): SubjectDataSource {
  return {
    name: "knowledge",
    tier: "index",
    async export(guildId, authorId) {
      const messages = await deps.keywords.messagesBy(guildId, authorId);
      const items = messages.map(({ messageId, channelId, createdAt, chunkIds }) => ({
        messageId,
        channelId,
        createdAt: new Date(createdAt).toISOString(),
        chunks: chunkIds.length,
      }));
      return { items, notes: ["indexed messages: keyed term hashes and vectors, listed by id"] };
    },
    async erase(guildId, authorId) {
      const { messages, vectors } = await forgetAuthor(deps, guildId, authorId);
      const notes = vectors === undefined ? [] : [`${plural(vectors, "vector")} removed`];
      return { removed: messages, notes };
    },
  };
}

/**
 * Every place a member's data is, for export and erasure: the built-in sources and, when the
 * runtime wires knowledge, its indexes, placed before the key so the key is shredded last.
 *
 * @example
 * const sources = await privacySources(services);
 * await eraseSubjectData(deps, sources, { guild, user, actor });
 */
export async function privacySources(
  services: PrivacyServices & Partial<Pick<PluginPorts, "knowledge">>,
): Promise<SubjectDataSource[]> {
  const base = subjectDataSources(services);
  if (!services.knowledge) return base;
  const index = knowledgeIndexSource(await services.knowledge.deps());
  return [
    ...base.filter((source) => source.tier !== "keys"),
    index,
    ...base.filter((source) => source.tier === "keys"),
  ];
}

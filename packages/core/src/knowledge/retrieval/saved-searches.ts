import { randomBytes } from "node:crypto";
import { GUILD_SUBJECT } from "../../data/keys.ts";
import type { KnowledgeDeps, SearchMode } from "../deps.ts";
import type { MessageFilter } from "../keyword/bm25.ts";
import { getSealed, hotTier, putSealed } from "./hot-values.ts";

/** What a paging cursor resumes: the search as it was asked. */
export interface SavedSearch {
  query: string;
  mode: SearchMode;
  filters: MessageFilter & { channelIds?: string[] };
  userId?: string;
  /** Results per page. */
  limit?: number;
}

const slot = (id: string) => ({ key: `cache:knowledge:search:${id}`, purpose: "knowledge.saved-search" });

/**
 * Keeps a search in the hot tier for 15 minutes (sealed for the member who asked, tagged for
 * erasure), so a paging button needs only the cursor. Resolves its id, or `undefined` without
 * a hot tier.
 *
 * @example
 * const savedId = await saveSearch(deps, guildId, { query, mode, filters, userId });
 */
export async function saveSearch(deps: KnowledgeDeps, guildId: string, search: SavedSearch) {
  const hot = hotTier(deps, guildId);
  if (!hot) return undefined;
  const id = randomBytes(8).toString("base64url");
  const subject = search.userId ?? GUILD_SUBJECT;
  const tags = search.userId ? [`user:${search.userId}`] : [];
  await putSealed(hot, slot(id), search, { subject, ttlSeconds: 900, tags });
  return id;
}

/** The saved search, or `undefined` once it expired or was erased. */
export async function loadSearch(deps: KnowledgeDeps, guildId: string, id: string) {
  const hot = hotTier(deps, guildId);
  return hot ? getSealed<SavedSearch>(hot, slot(id)) : undefined;
}

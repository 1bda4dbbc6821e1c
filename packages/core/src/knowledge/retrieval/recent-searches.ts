import { GUILD_SUBJECT } from "../../data/keys.ts";
import type { KnowledgeDeps } from "../deps.ts";
import { getSealed, hotTier, putSealed } from "./hot-values.ts";

/** The `cache` class's TTL: recent searches and the suggestion vocabulary live 15 minutes. */
const TTL_SECONDS = 900;
const RECENT = { key: "cache:knowledge:recent-searches", purpose: "knowledge.recent-searches" };
const VOCABULARY = { key: "cache:knowledge:vocabulary", purpose: "knowledge.vocabulary" };
const MAX_RECENT = 50;
const MAX_WORDS = 2_000;

interface RecentSearch {
  query: string;
  userId?: string;
  at: number;
}

/**
 * Adds a query to the guild's recent searches in the hot tier (sealed, newest first, each
 * query once), tagged with every member in the list so erasing one drops it.
 *
 * @example
 * await rememberSearch(deps, guildId, "deploy failing", userId);
 */
export async function rememberSearch(deps: KnowledgeDeps, guildId: string, query: string, userId?: string) {
  const hot = hotTier(deps, guildId);
  if (!hot) return;
  const now = deps.clock?.now() ?? Date.now();
  const recent = (await getSealed<RecentSearch[]>(hot, RECENT)) ?? [];
  const key = query.trim().toLowerCase();
  const entry: RecentSearch = userId
    ? { query: query.trim(), userId, at: now }
    : { query: query.trim(), at: now };
  const next = [entry, ...recent.filter((item) => item.query.toLowerCase() !== key)].slice(0, MAX_RECENT);
  const users = [...new Set(next.flatMap((item) => (item.userId ? [item.userId] : [])))];
  await putSealed(hot, RECENT, next, {
    subject: GUILD_SUBJECT,
    ttlSeconds: TTL_SECONDS,
    tags: users.map((user) => `user:${user}`),
  });
}

/** The guild's recent queries, newest first. */
export async function recentSearches(deps: KnowledgeDeps, guildId: string): Promise<string[]> {
  const hot = hotTier(deps, guildId);
  if (!hot) return [];
  return ((await getSealed<RecentSearch[]>(hot, RECENT)) ?? []).map((item) => item.query);
}

/**
 * Publishes the guild's most used words (each in at least two chunks, so no one-off word of a
 * single member is suggested) to the hot tier, sealed, for autocomplete to read in one trip.
 *
 * @example
 * await publishVocabulary(deps, guildId);
 */
export async function publishVocabulary(deps: KnowledgeDeps, guildId: string): Promise<number> {
  const hot = hotTier(deps, guildId);
  if (!hot) return 0;
  const words = (await deps.keywords.terms(guildId))
    .filter((entry) => entry.chunks >= 2 && /\p{L}/u.test(entry.term))
    .slice(0, MAX_WORDS)
    .map((entry) => entry.term);
  await putSealed(hot, VOCABULARY, words, { subject: GUILD_SUBJECT, ttlSeconds: TTL_SECONDS });
  return words.length;
}

/** The published vocabulary, most used first. */
export async function publishedVocabulary(deps: KnowledgeDeps, guildId: string): Promise<string[]> {
  const hot = hotTier(deps, guildId);
  return hot ? ((await getSealed<string[]>(hot, VOCABULARY)) ?? []) : [];
}

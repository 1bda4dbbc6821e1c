import { z } from "zod";
import { plainIssues } from "../validation/plain-issues.ts";
import { type KnowledgeDeps, KnowledgeInputError, type SearchMode, settingsOf } from "./deps.ts";
import { decodeCursor, encodeCursor, searchFingerprint } from "./retrieval/cursor.ts";
import { rememberSearch } from "./retrieval/recent-searches.ts";
import { type SearchResult, toResults } from "./retrieval/results.ts";
import { retrieve } from "./retrieval/retrieve.ts";
import { loadSearch, type SavedSearch, saveSearch } from "./retrieval/saved-searches.ts";

const Snowflake = z.string().regex(/^\d{1,20}$/);
const SearchSchema = z.object({
  guildId: Snowflake,
  query: z.string().trim().min(1).max(300).optional(),
  mode: z.enum(["semantic", "keyword", "hybrid"]).optional(),
  filters: z
    .object({
      channelId: Snowflake.optional(),
      authorId: Snowflake.optional(),
      after: z.number().int().optional(),
      before: z.number().int().optional(),
      channelIds: z.array(Snowflake).max(500).optional(),
    })
    .default({}),
  /** Results per page (default 10, or the saved search's when resuming). */
  limit: z.number().int().min(1).max(25).optional(),
  cursor: z.string().max(100).optional(),
  userId: Snowflake.optional(),
});

const SEARCH_LABELS = {
  query: "search text",
  "filters.after": "after date",
  "filters.before": "before date",
  "filters.channelIds": "readable channels",
};

export type SearchInput = z.input<typeof SearchSchema>;
export type { SearchResult };

export interface SearchPage {
  results: SearchResult[];
  /** Pass back as `cursor` (alone, with the same guild) for the next page; absent on the last page. */
  cursor?: string;
  /** The same for the page before; absent on the first page. */
  previous?: string;
  /** Where this page starts among the matches (0 on the first page). */
  offset: number;
  mode: SearchMode;
  /** Messages that matched, up to the depth paging reaches (`settings.candidates`). */
  total: number;
  /** `total` stopped at the paging depth: more messages matched than it counts. */
  capped: boolean;
  /** Hybrid search, or semantic search by default, answered from keywords alone: the semantic side failed. */
  degraded: boolean;
}

/**
 * Searches a guild's remembered messages by keywords, meaning, or both (hybrid, fused by
 * reciprocal rank). Results carry a score, ids, date, jump link and snippet; `filters.channelIds`
 * limits results to channels the member may read. A first page is remembered for suggestions
 * and, with a hot tier, saved so its cursor alone fetches the next page.
 *
 * @example
 * const page = await search(deps, { guildId, query: "deploy failing", filters: { channelId }, limit: 5, userId });
 * const next = page.cursor && (await search(deps, { guildId, cursor: page.cursor }));
 */
export async function search(deps: KnowledgeDeps, input: SearchInput): Promise<SearchPage> {
  const parsed = SearchSchema.safeParse(input);
  if (!parsed.success) throw new KnowledgeInputError(plainIssues(parsed.error, SEARCH_LABELS));
  const { guildId, cursor } = parsed.data;
  const position = cursor ? decodeCursor(cursor) : undefined;
  const asked = await resolveSearch(deps, parsed.data, position?.savedId);
  const fingerprint = searchFingerprint({ guildId, ...asked });
  if (position && position.fingerprint !== fingerprint) {
    throw new KnowledgeInputError("That page belongs to another search; run the search again.");
  }
  const limit = parsed.data.limit ?? asked.limit ?? 10;
  const { channelIds, ...filter } = asked.filters;
  const { candidates, degraded } = await retrieve(deps, {
    guildId,
    query: asked.query,
    mode: asked.mode,
    filter,
    limit: settingsOf(deps).candidates,
    fallback: parsed.data.query !== undefined && parsed.data.mode === undefined,
    rewrite: true,
  });
  const allowed = channelIds ? candidates.filter((c) => channelIds.includes(c.channelId)) : candidates;
  const offset = position?.offset ?? 0;
  const results = await toResults(deps, guildId, asked.query, allowed.slice(offset, offset + limit));
  const savedId = position?.savedId ?? (await firstPage(deps, guildId, asked));
  const more = offset + limit < allowed.length;
  const next = more
    ? encodeCursor({ offset: offset + limit, fingerprint, ...(savedId ? { savedId } : {}) })
    : undefined;
  const previous =
    offset > 0
      ? encodeCursor({ offset: Math.max(0, offset - limit), fingerprint, ...(savedId ? { savedId } : {}) })
      : undefined;
  return {
    results,
    mode: asked.mode,
    total: allowed.length,
    capped: candidates.length >= settingsOf(deps).candidates,
    offset,
    degraded,
    ...(next ? { cursor: next } : {}),
    ...(previous ? { previous } : {}),
  };
}

type Parsed = z.output<typeof SearchSchema>;

async function resolveSearch(deps: KnowledgeDeps, input: Parsed, savedId?: string): Promise<SavedSearch> {
  if (input.query !== undefined) {
    const mode = input.mode ?? settingsOf(deps).defaultMode;
    // zod leaves absent keys out, so nothing here is an explicit `undefined`.
    const filters = input.filters as SavedSearch["filters"];
    const extra = {
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.limit ? { limit: input.limit } : {}),
    };
    return { query: input.query, mode, filters, ...extra };
  }
  const saved = savedId ? await loadSearch(deps, input.guildId, savedId) : undefined;
  if (!saved) throw new KnowledgeInputError("This search has expired; run it again.");
  return saved;
}

/** Remembers a new search for suggestions and saves it for paging; resolves the saved id. */
async function firstPage(deps: KnowledgeDeps, guildId: string, asked: SavedSearch) {
  await rememberSearch(deps, guildId, asked.query, asked.userId);
  return saveSearch(deps, guildId, asked);
}

import type { KnowledgeDeps } from "./deps.ts";
import { publishedVocabulary, recentSearches } from "./retrieval/recent-searches.ts";

export interface AutocompleteOptions {
  /** Default 25, Discord's maximum number of choices. */
  limit?: number;
  /** Answer with whatever has arrived after this long (default 300 ms): autocomplete is answered inline. */
  budgetMs?: number;
}

/** Discord's limit on a choice's name and value. */
const MAX_CHOICE = 100;

/**
 * Suggestions for what a member is typing into `/search`: the guild's recent searches that
 * start with (then contain) the text, then the text with its last word completed from the
 * guild's indexed words. Two hot-tier reads, both sealed; whatever has not arrived within the
 * budget is left out, so the answer always fits Discord's autocomplete window.
 *
 * @example
 * await autocomplete(deps, guildId, "deploy fa") // ["deploy failing on staging", "deploy failed", "deploy fast"]
 */
export async function autocomplete(
  deps: KnowledgeDeps,
  guildId: string,
  prefix: string,
  options: AutocompleteOptions = {},
): Promise<string[]> {
  const limit = options.limit ?? 25;
  const typed = prefix.replace(/\s+/g, " ").trimStart().toLowerCase();
  const [recent, vocabulary] = await withinBudget(options.budgetMs ?? 300, [
    recentSearches(deps, guildId),
    publishedVocabulary(deps, guildId),
  ]);
  const starts = (recent ?? []).filter((query) => query.toLowerCase().startsWith(typed));
  const contains = (recent ?? []).filter((query) => typed && query.toLowerCase().includes(typed));
  const out = new Map<string, string>();
  for (const suggestion of [...starts, ...contains, ...completions(typed, vocabulary ?? [])]) {
    const clipped = suggestion.slice(0, MAX_CHOICE).trim();
    if (clipped && !out.has(clipped.toLowerCase())) out.set(clipped.toLowerCase(), clipped);
    if (out.size >= limit) break;
  }
  return [...out.values()];
}

/** The typed text with its last, unfinished word completed by each matching word. */
function completions(typed: string, vocabulary: readonly string[]): string[] {
  const match = /(^|\s)(\S+)$/.exec(typed);
  const partial = match?.[2];
  if (!partial) return [];
  const head = typed.slice(0, typed.length - partial.length);
  return vocabulary
    .filter((word) => word.startsWith(partial) && word !== partial)
    .map((word) => `${head}${word}`);
}

/** Each promise's value, or `undefined` for one still pending (or failed) when the budget ends. */
async function withinBudget<T extends unknown[]>(
  budgetMs: number,
  work: { [K in keyof T]: Promise<T[K]> },
): Promise<{ [K in keyof T]: T[K] | undefined }> {
  const results: unknown[] = work.map(() => undefined);
  const settled = Promise.all(
    work.map((promise, i) =>
      promise.then(
        (value) => {
          results[i] = value;
        },
        () => undefined,
      ),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, budgetMs);
  });
  await Promise.race([settled, deadline]);
  clearTimeout(timer);
  return results as { [K in keyof T]: T[K] | undefined };
}

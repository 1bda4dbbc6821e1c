import { parseSimulatorArgs, UsageError } from "../args.ts";

export const KNOWLEDGE_USAGE = `Usage: npm run knowledge -- ingest --guild <id> --file <messages.jsonl> [--by <user id>] [--json]
       npm run knowledge -- search --guild <id> (--query "<text>" | --queries <file.jsonl>) [--mode keyword|semantic|hybrid]
                               [--channel <id>] [--author <id>] [--after YYYY-MM-DD] [--before YYYY-MM-DD] [--limit <n>] [--json]

Runs the knowledge pipeline the bot's commands use (normalise, chunk, dedupe, opt-outs, local
embedder, vector and keyword indexes) on the local data: the stand-ins of the \`npm run dev\`
running on MEGAWATTS_DATA_DIR (default .data), or stand-ins it starts on that data dir itself.

  ingest   one message per line: {"id","channel_id","author_id","timestamp","content"} (+ "reply_to")
  search   ranked message ids with scores and the search time (default mode: the evaluated default)

  --guild <id>    the guild (tenant) to work in
  --file <path>   ingest: the JSON Lines file
  --by <id>       ingest: who the audit log records as asking (default 0, the operator)
  --query <text>  search: what to look for
  --queries <f>   search: JSON Lines of {"query"} (+ "id", "mode"), all run on one start of the
                  stand-ins; prints each result list, then search times p50 / p95
  --mode <mode>   search: keyword, semantic or hybrid
  --channel <id>  search: only this channel (as /search's channel option)
  --author <id>   search: only this member's messages
  --after <day>   search: messages from this day on (YYYY-MM-DD, 00:00 UTC, as /search)
  --before <day>  search: messages up to this day (YYYY-MM-DD, 00:00 UTC, as /search)
  --limit <n>     search: results to show, 1 to 25 (default 10)
  --json          print JSON instead of a table`;

export type KnowledgeArgs =
  | { action: "ingest"; guild: string; file: string; by?: string; json: boolean }
  | {
      action: "search";
      guild: string;
      /** One query, or `queries`: a JSON Lines file of them. */
      query?: string;
      queries?: string;
      mode?: "keyword" | "semantic" | "hybrid";
      filters: SearchFilters;
      limit: number;
      json: boolean;
    };

/** The filters `/search` takes, as the engine takes them (days as epoch ms at 00:00 UTC). */
export interface SearchFilters {
  channelId?: string;
  authorId?: string;
  after?: number;
  before?: number;
}

const SNOWFLAKE = /^\d{17,20}$/;
const MODES = new Set(["keyword", "semantic", "hybrid"]);

/**
 * Reads the knowledge CLI's command line, failing with a `UsageError` that says what to type.
 *
 * @example
 * parseKnowledgeArgs(["search", "--guild", "81384788765712384", "--query", "deploy", "--json"]);
 * // { action: "search", guild: "81384788765712384", query: "deploy", limit: 10, json: true }
 */
export function parseKnowledgeArgs(argv: readonly string[]): KnowledgeArgs {
  const { action, positionals, options } = parseSimulatorArgs(
    argv.map((arg) => (arg === "--json" ? "--json=true" : arg)),
  );
  if (action !== "ingest" && action !== "search") throw new UsageError(KNOWLEDGE_USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}"\n\n${KNOWLEDGE_USAGE}`);
  const known = new Set(
    action === "ingest"
      ? ["guild", "file", "by", "json"]
      : ["guild", "query", "queries", "mode", "limit", "json", "channel", "author", "after", "before"],
  );
  const unknown = options.find(([name]) => !known.has(name));
  if (unknown) throw new UsageError(`unknown option --${unknown[0]} for ${action}\n\n${KNOWLEDGE_USAGE}`);
  const value = (name: string) => options.find(([option]) => option === name)?.[1];
  const guild = value("guild") ?? "";
  if (!SNOWFLAKE.test(guild))
    throw new UsageError(`--guild needs a Discord id (17 to 20 digits), got "${guild}"`);
  const json = value("json") === "true";
  if (action === "ingest") {
    const file = value("file");
    if (!file) throw new UsageError("ingest needs --file <messages.jsonl>");
    const by = value("by");
    if (by !== undefined && !SNOWFLAKE.test(by)) throw new UsageError(`--by needs a Discord id, got "${by}"`);
    return { action, guild, file, json, ...(by ? { by } : {}) };
  }
  const query = value("query")?.trim();
  const queries = value("queries");
  if (!query === !queries)
    throw new UsageError('search needs --query "<text>" or --queries <file.jsonl>, not both');
  const mode = value("mode");
  if (mode !== undefined && !MODES.has(mode))
    throw new UsageError(`--mode is keyword, semantic or hybrid, got "${mode}"`);
  const limit = Number(value("limit") ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 25)
    throw new UsageError("--limit is a whole number from 1 to 25");
  return {
    action,
    guild,
    ...(query ? { query } : { queries: queries as string }),
    filters: parseFilters(value),
    limit,
    json,
    ...(mode ? { mode: mode as "keyword" | "semantic" | "hybrid" } : {}),
  };
}

function parseFilters(value: (name: string) => string | undefined): SearchFilters {
  const id = (name: string) => {
    const given = value(name);
    if (given !== undefined && !SNOWFLAKE.test(given))
      throw new UsageError(`--${name} needs a Discord id (17 to 20 digits), got "${given}"`);
    return given;
  };
  const day = (name: string) => {
    const given = value(name);
    if (given === undefined) return undefined;
    const at = /^\d{4}-\d{2}-\d{2}$/.test(given) ? Date.parse(`${given}T00:00:00Z`) : Number.NaN;
    if (!Number.isFinite(at)) throw new UsageError(`--${name} needs a day like 2026-01-05, got "${given}"`);
    return at;
  };
  const [channelId, authorId, after, before] = [id("channel"), id("author"), day("after"), day("before")];
  return {
    ...(channelId ? { channelId } : {}),
    ...(authorId ? { authorId } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(before !== undefined ? { before } : {}),
  };
}

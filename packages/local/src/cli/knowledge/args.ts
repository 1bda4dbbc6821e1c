import { parseSimulatorArgs, UsageError } from "../args.ts";

export const KNOWLEDGE_USAGE = `Usage: npm run knowledge -- ingest --guild <id> --file <messages.jsonl> [--by <user id>] [--json]
       npm run knowledge -- search --guild <id> --query "<text>" [--mode keyword|semantic|hybrid] [--limit <n>] [--json]

Runs the knowledge pipeline the bot's commands use (normalise, chunk, dedupe, opt-outs, local
embedder, vector and keyword indexes) on the local data: the stand-ins of the \`npm run dev\`
running on MEGAWATTS_DATA_DIR (default .data), or stand-ins it starts on that data dir itself.

  ingest   one message per line: {"id","channel_id","author_id","timestamp","content"} (+ "reply_to")
  search   ranked message ids with scores (default mode: the evaluated default)

  --guild <id>    the guild (tenant) to work in
  --file <path>   ingest: the JSON Lines file
  --by <id>       ingest: who the audit log records as asking (default 0, the operator)
  --query <text>  search: what to look for
  --mode <mode>   search: keyword, semantic or hybrid
  --limit <n>     search: results to show, 1 to 25 (default 10)
  --json          print JSON instead of a table`;

export type KnowledgeArgs =
  | { action: "ingest"; guild: string; file: string; by?: string; json: boolean }
  | {
      action: "search";
      guild: string;
      query: string;
      mode?: "keyword" | "semantic" | "hybrid";
      limit: number;
      json: boolean;
    };

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
    action === "ingest" ? ["guild", "file", "by", "json"] : ["guild", "query", "mode", "limit", "json"],
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
  if (!query) throw new UsageError('search needs --query "<text>"');
  const mode = value("mode");
  if (mode !== undefined && !MODES.has(mode))
    throw new UsageError(`--mode is keyword, semantic or hybrid, got "${mode}"`);
  const limit = Number(value("limit") ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 25)
    throw new UsageError("--limit is a whole number from 1 to 25");
  return {
    action,
    guild,
    query,
    limit,
    json,
    ...(mode ? { mode: mode as "keyword" | "semantic" | "hybrid" } : {}),
  };
}

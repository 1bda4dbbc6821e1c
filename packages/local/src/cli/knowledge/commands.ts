import { readFile } from "node:fs/promises";
import {
  DEFAULT_SETTINGS,
  type IngestCounts,
  ingestMessages,
  type KnowledgeDeps,
  MessageFileError,
  parseMessagesJsonl,
  plural,
  search,
} from "@megawatts/core";
import { z } from "zod";
import type { KnowledgeArgs } from "./args.ts";

/** Where the commands write: results to `out`, progress and notes to `err`. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const BATCH = 200;

/**
 * Ingests a JSON Lines file into a guild through `ingestMessages`, in batches of 200, and
 * prints the summed counts (and messages per second).
 *
 * @example
 * await runIngest(deps, { action: "ingest", guild, file: "messages.jsonl", json: false }, io);
 */
export async function runIngest(
  deps: KnowledgeDeps,
  args: Extract<KnowledgeArgs, { action: "ingest" }>,
  io: Io,
) {
  const messages = parseMessagesJsonl(await readFile(args.file, "utf8"));
  const total: IngestCounts = {
    new: 0,
    updated: 0,
    duplicate: 0,
    skippedOptedOut: 0,
    empty: 0,
    chunks: 0,
    tokens: 0,
  };
  const started = performance.now();
  for (let start = 0; start < messages.length; start += BATCH) {
    const counts = await ingestMessages(deps, args.guild, messages.slice(start, start + BATCH));
    for (const key of Object.keys(total) as (keyof IngestCounts)[]) total[key] += counts[key];
    io.err(`  ${Math.min(start + BATCH, messages.length)}/${messages.length} messages`);
  }
  const seconds = (performance.now() - started) / 1000;
  if (args.json) return io.out(JSON.stringify({ messages: messages.length, ...total, seconds }));
  io.out(
    [
      `read ${messages.length} messages in ${seconds.toFixed(1)} s (${Math.round(messages.length / Math.max(seconds, 1e-3))}/s)`,
      `  new ${total.new}, updated ${total.updated}, duplicate ${total.duplicate}, ` +
        `opted out ${total.skippedOptedOut}, empty ${total.empty}`,
      `  chunks ${total.chunks}, embedding tokens ${total.tokens}`,
    ].join("\n"),
  );
}

const QueryLine = z.object({
  id: z.string().optional(),
  query: z.string().trim().min(1).max(300),
  mode: z.enum(["keyword", "semantic", "hybrid"]).optional(),
});

/**
 * Searches a guild through the `search` use case, with `/search`'s filters, and prints ranked
 * message ids with scores and how long the search took (a table, or JSON with `--json`). With
 * `--queries`, runs every line of the file on the same services, then prints p50 / p95.
 *
 * @example
 * await runSearch(deps, { action: "search", guild, query: "deploy", filters: {}, limit: 10, json: true }, io);
 */
export async function runSearch(
  deps: KnowledgeDeps,
  args: Extract<KnowledgeArgs, { action: "search" }>,
  io: Io,
) {
  if (args.query !== undefined) return searchOnce(deps, args, { query: args.query }, io);
  const lines = (await readFile(args.queries as string, "utf8")).split("\n");
  const times: number[] = [];
  for (const [n, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const parsed = QueryLine.safeParse(parseJson(line));
    if (!parsed.success) throw new MessageFileError(`line ${n + 1}: ${z.prettifyError(parsed.error)}`);
    times.push(await searchOnce(deps, args, parsed.data, io));
  }
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const summary = { queries: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95) };
  io.out(
    args.json
      ? JSON.stringify(summary)
      : `${summary.queries} queries: search p50 ${summary.p50Ms.toFixed(1)} ms, p95 ${summary.p95Ms.toFixed(1)} ms`,
  );
}

async function searchOnce(
  deps: KnowledgeDeps,
  args: Extract<KnowledgeArgs, { action: "search" }>,
  line: z.output<typeof QueryLine>,
  io: Io,
): Promise<number> {
  const mode = line.mode ?? args.mode ?? DEFAULT_SETTINGS.defaultMode;
  const started = performance.now();
  const page = await search(deps, {
    guildId: args.guild,
    query: line.query,
    mode,
    filters: args.filters,
    limit: args.limit,
  });
  const ms = performance.now() - started;
  const results = page.results.map((result, i) => ({ rank: i + 1, ...result }));
  const id = line.id ? { id: line.id } : {};
  if (args.json) {
    io.out(
      JSON.stringify({
        ...id,
        query: line.query,
        mode,
        total: page.total,
        degraded: page.degraded,
        ms,
        results,
      }),
    );
    return ms;
  }
  const head = `${line.id ? `${line.id}: ` : ""}${results.length} of ${plural(page.total, "result")}, ${mode}${page.degraded ? " (keywords only: semantic failed)" : ""}, ${ms.toFixed(1)} ms`;
  io.out(
    results.length === 0 ? `${line.id ? `${line.id}: ` : ""}no results (${mode}), ${ms.toFixed(1)} ms` : head,
  );
  for (const result of results) {
    const row = `${String(result.rank).padStart(3)}  ${result.score.toFixed(4).padStart(8)}  ${result.messageId}  #${result.channelId}  ${result.date.slice(0, 16)}`;
    io.out(result.snippet ? `${row}\n       ${result.snippet}` : row);
  }
  return ms;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

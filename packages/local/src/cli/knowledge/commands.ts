import { readFile } from "node:fs/promises";
import {
  DEFAULT_SETTINGS,
  type IngestCounts,
  ingestMessages,
  type KnowledgeDeps,
  parseMessagesJsonl,
  plural,
  search,
} from "@megawatts/core";
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

/**
 * Searches a guild through the `search` use case and prints ranked message ids with scores
 * (a table, or JSON with `--json`).
 *
 * @example
 * await runSearch(deps, { action: "search", guild, query: "deploy", limit: 10, json: true }, io);
 */
export async function runSearch(
  deps: KnowledgeDeps,
  args: Extract<KnowledgeArgs, { action: "search" }>,
  io: Io,
) {
  const mode = args.mode ?? DEFAULT_SETTINGS.defaultMode;
  const page = await search(deps, { guildId: args.guild, query: args.query, mode, limit: args.limit });
  const results = page.results.map((result, i) => ({ rank: i + 1, ...result }));
  if (args.json) return io.out(JSON.stringify({ mode, total: page.total, degraded: page.degraded, results }));
  if (results.length === 0) return io.out(`no results (${mode})`);
  io.out(
    `${results.length} of ${plural(page.total, "result")}, ${mode}${page.degraded ? " (keywords only: semantic failed)" : ""}`,
  );
  for (const result of results) {
    const line = `${String(result.rank).padStart(3)}  ${result.score.toFixed(4).padStart(8)}  ${result.messageId}  #${result.channelId}  ${result.date.slice(0, 16)}`;
    io.out(result.snippet ? `${line}\n       ${result.snippet}` : line);
  }
}

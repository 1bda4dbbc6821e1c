import { readFile } from "node:fs/promises";
import { type KnowledgeMessage, parseMessagesJsonl } from "@megawatts/core";

/** `lexical`: shares the answer's words; `paraphrase`: worded differently from the answer. */
export type QueryKind = "lexical" | "paraphrase";

/** A query with the ids of the messages that answer it. */
export interface LabelledQuery {
  id: string;
  kind: QueryKind;
  query: string;
  relevant: string[];
}

/** The labelled servers: a self-hosted photo library's community, and a 3D-printing one. */
export const EVAL_SETS = ["photo-library", "print-farm"] as const;
export type EvalSet = (typeof EVAL_SETS)[number];

/** The guild the fixture servers are loaded into (each set into its own fresh indexes). */
export const EVAL_GUILD = "401000000000000000";

const here = (set: EvalSet, name: string) => new URL(`../fixtures/${set}/${name}`, import.meta.url);

// The photo-library messages are the local runtime's sample server: what `/index` reads from
// the local Discord sink, so its figures describe what a newcomer searches.
const messagesOf = (set: EvalSet) =>
  set === "photo-library"
    ? new URL("../../local/fixtures/sample-server.jsonl", import.meta.url)
    : here(set, "messages.jsonl");

/**
 * One labelled set: a Discord server's messages and its queries with their relevant message
 * ids and kind. Every relevant id is checked to exist. `photo-library` (the default) is 300
 * messages and 60 queries; `print-farm` is 233 messages and 63 queries, written afterwards by
 * someone else, with the queries written before any search was run on it.
 *
 * @example
 * const { messages, queries } = await loadFixtures("print-farm");
 */
export async function loadFixtures(
  set: EvalSet = "photo-library",
): Promise<{ messages: KnowledgeMessage[]; queries: LabelledQuery[] }> {
  const messages = parseMessagesJsonl(await readFile(messagesOf(set), "utf8"));
  const queries = JSON.parse(await readFile(here(set, "queries.json"), "utf8")) as LabelledQuery[];
  const ids = new Set(messages.map((message) => message.id));
  for (const query of queries) {
    const unknown = query.relevant.filter((id) => !ids.has(id));
    if (unknown.length > 0) throw new Error(`${query.id} names unknown messages: ${unknown.join(", ")}`);
    if (query.kind !== "lexical" && query.kind !== "paraphrase")
      throw new Error(`${query.id} has no kind (lexical or paraphrase)`);
  }
  return { messages, queries };
}

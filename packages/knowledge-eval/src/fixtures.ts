import { readFile } from "node:fs/promises";
import { type KnowledgeMessage, parseMessagesJsonl } from "@megawatts/core";

/** A query with the ids of the messages that answer it. */
export interface LabelledQuery {
  id: string;
  query: string;
  relevant: string[];
}

/** The guild the fixture server is loaded into. */
export const EVAL_GUILD = "401000000000000000";

const here = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);

/**
 * The labelled set: 300 messages of a Discord server around a self-hosted photo library
 * (help, dev, announcements, off-topic, gaming, threads) and 60 queries with their relevant
 * message ids. Every relevant id is checked to exist.
 *
 * @example
 * const { messages, queries } = await loadFixtures();
 */
const SAMPLE_SERVER = new URL("../../local/fixtures/sample-server.jsonl", import.meta.url);

export async function loadFixtures(): Promise<{ messages: KnowledgeMessage[]; queries: LabelledQuery[] }> {
  // The labelled messages are the local runtime's sample server: what `/index` reads from the
  // local Discord sink, so the figures describe what a newcomer searches.
  const messages = parseMessagesJsonl(await readFile(SAMPLE_SERVER, "utf8"));
  const queries = JSON.parse(await readFile(here("queries.json"), "utf8")) as LabelledQuery[];
  const ids = new Set(messages.map((message) => message.id));
  for (const query of queries) {
    const unknown = query.relevant.filter((id) => !ids.has(id));
    if (unknown.length > 0) throw new Error(`${query.id} names unknown messages: ${unknown.join(", ")}`);
  }
  return { messages, queries };
}

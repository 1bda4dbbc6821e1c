import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type KnowledgeMessage, parseMessagesJsonl } from "@megawatts/core";
import type { SinkReply } from "./discord-sink-routes.ts";

const MAX_LIMIT = 100;
/** The sample server's history (also the knowledge evaluation's labelled messages). */
const SAMPLE_SERVER = fileURLToPath(new URL("../fixtures/sample-server.jsonl", import.meta.url));
const newestFirst = (a: KnowledgeMessage, b: KnowledgeMessage) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1);

/** A fixture message as Discord's `GET /channels/{id}/messages` returns it. */
function toApiMessage(message: KnowledgeMessage) {
  return {
    id: message.id,
    channel_id: message.channelId,
    type: message.replyToId ? 19 : 0,
    content: message.content,
    timestamp: new Date(message.createdAt).toISOString(),
    edited_timestamp: null,
    author: {
      id: message.authorId,
      username: `member${message.authorId.slice(-4)}`,
      discriminator: "0",
      global_name: null,
      avatar: null,
    },
    attachments: [],
    embeds: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    components: [],
    ...(message.replyToId
      ? { message_reference: { type: 0, message_id: message.replyToId, channel_id: message.channelId } }
      : {}),
  };
}

/**
 * Channel history the sink serves: messages per channel, paged as Discord pages them
 * (`limit` 1–100, default 50; `before` and `after` exclusive; newest first).
 *
 * @example
 * const history = await loadChannelHistory(process.env.MEGAWATTS_SINK_FIXTURE);
 * history.page("401000000000000002", new URLSearchParams({ limit: "100" }));
 */
export class ChannelHistoryFixture {
  readonly #channels = new Map<string, KnowledgeMessage[]>();

  constructor(messages: readonly KnowledgeMessage[]) {
    for (const message of messages) {
      const list = this.#channels.get(message.channelId) ?? [];
      list.push(message);
      this.#channels.set(message.channelId, list);
    }
    for (const list of this.#channels.values()) list.sort(newestFirst);
  }

  /** Posts a message to the served history, as if a member had just written it. */
  add(message: KnowledgeMessage): void {
    const list = this.#channels.get(message.channelId) ?? [];
    list.push(message);
    list.sort(newestFirst);
    this.#channels.set(message.channelId, list);
  }

  /** The channels with history, and how many messages each has. */
  channels(): { id: string; messages: number }[] {
    return [...this.#channels].map(([id, list]) => ({ id, messages: list.length }));
  }

  page(channelId: string, query: URLSearchParams): SinkReply {
    const limit = Number(query.get("limit") ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      return { status: 400, body: { message: "Invalid Form Body", code: 50035 } };
    const list = this.#channels.get(channelId) ?? [];
    const before = query.get("before");
    const after = query.get("after");
    let page: KnowledgeMessage[];
    if (after) {
      const newer = list.filter((message) => BigInt(message.id) > BigInt(after));
      page = newer.slice(Math.max(0, newer.length - limit));
    } else {
      const older = before ? list.filter((message) => BigInt(message.id) < BigInt(before)) : list;
      page = older.slice(0, limit);
    }
    return { status: 200, body: page.map(toApiMessage) };
  }
}

/**
 * The sink's channel history: a JSON Lines file of messages (`id`, `channel_id`, `author_id`,
 * `timestamp`, `content`, optional `reply_to`), or by default the knowledge evaluation's
 * 300-message server (channel `401000000000000002` holds 101 messages, two pages).
 *
 * @example
 * const history = await loadChannelHistory(); // the sample server
 */
export async function loadChannelHistory(file?: string): Promise<ChannelHistoryFixture> {
  const messages = parseMessagesJsonl(await readFile(file ?? SAMPLE_SERVER, "utf8"));
  return new ChannelHistoryFixture(messages);
}

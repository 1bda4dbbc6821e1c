import type { KnowledgeMessage } from "../ingest/ports.ts";

/** How far the conversation around a message reaches when it is indexed. */
export interface ContextOptions {
  /** Off: each message is indexed alone, as before conversation context existed. */
  enabled?: boolean;
  /** Earlier messages of the same channel taken as neighbours (default 2). */
  neighbours?: number;
  /** How far back a neighbour may be (default 30 minutes). */
  neighbourWindowMs?: number;
  /**
   * How far back the author's own earlier turn in the channel, and the last answer they got
   * there, are looked for (default 12 hours): "works now" comes after the printer or the build
   * ran, which takes a while.
   */
  turnWindowMs?: number;
  /** Words kept of each context message (default 40). */
  maxWords?: number;
}

export const DEFAULT_CONTEXT: Required<ContextOptions> = {
  enabled: true,
  neighbours: 2,
  neighbourWindowMs: 30 * 60_000,
  turnWindowMs: 12 * 3_600_000,
  maxWords: 40,
};

/** A message whose text is part of another message's context window. */
export interface ContextSource {
  messageId: string;
  authorId: string;
  text: string;
}

/**
 * The conversation a reader would use to understand each message, among the messages given
 * (one guild's batch): the message it replies to, the starter of the thread it is in (a thread
 * started from a message has that message's id as its channel id), up to `neighbours` earlier
 * messages of its channel within `neighbourWindowMs`, and, within `turnWindowMs`, the author's
 * own previous message in the channel and the latest reply another member made to it. So a
 * "that was it, works now" posted with no reply reference is tied to the question and the
 * answer it confirms. Sources are the other messages, nearest first, without repeats.
 *
 * @example
 * const windows = conversationContexts(messages, texts); // Map { "3" => [{ messageId: "1", authorId, text }] }
 */
export function conversationContexts(
  messages: readonly KnowledgeMessage[],
  texts: ReadonlyMap<string, string>,
  options: ContextOptions = {},
): Map<string, ContextSource[]> {
  const settings = { ...DEFAULT_CONTEXT, ...options };
  const windows = new Map<string, ContextSource[]>();
  if (!settings.enabled) return windows;
  const byId = new Map(messages.map((message) => [message.id, message]));
  const ordered = [...messages].sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));
  const byChannel = new Map<string, KnowledgeMessage[]>();
  for (const message of ordered) {
    const list = byChannel.get(message.channelId) ?? [];
    byChannel.set(message.channelId, [...list, message].slice(-200));
    const earlier = list;
    const picked: KnowledgeMessage[] = [];
    const add = (found: KnowledgeMessage | undefined) => {
      if (found && found.id !== message.id && !picked.includes(found)) picked.push(found);
    };
    add(message.replyToId ? byId.get(message.replyToId) : undefined);
    add(byId.get(message.channelId));
    const recent = earlier.filter((m) => message.createdAt - m.createdAt <= settings.neighbourWindowMs);
    for (const neighbour of recent.slice(-settings.neighbours).reverse()) add(neighbour);
    const turn = earlier.filter((m) => message.createdAt - m.createdAt <= settings.turnWindowMs);
    const ownLast = turn.findLast((m) => m.authorId === message.authorId);
    if (ownLast) {
      const asked = new Set(turn.filter((m) => m.authorId === message.authorId).map((m) => m.id));
      add(ownLast);
      add(turn.findLast((m) => m.authorId !== message.authorId && m.replyToId && asked.has(m.replyToId)));
    }
    const sources = picked.flatMap((found) => {
      const text = excerpt(texts.get(found.id) ?? "", settings.maxWords);
      return text ? [{ messageId: found.id, authorId: found.authorId, text }] : [];
    });
    if (sources.length > 0) windows.set(message.id, sources);
  }
  return windows;
}

/** The first `maxWords` words of a text. */
export function excerpt(text: string, maxWords: number): string {
  return text.split(/\s+/).filter(Boolean).slice(0, maxWords).join(" ");
}

const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The id of a message's context chunk, beside its own chunks `<channel>:<message>:<n>`.
 *
 * @example
 * contextChunkId("2", "3") // "2:3:ctx"
 */
export function contextChunkId(channelId: string, messageId: string): string {
  return `${channelId}:${messageId}:ctx`;
}

/** Whether a chunk id names a context chunk. */
export const isContextChunk = (chunkId: string): boolean => chunkId.endsWith(":ctx");

/**
 * What a context chunk holds: the message's opening words, then its conversation.
 *
 * @example
 * contextText("works now", [{ messageId: "1", authorId: "9", text: "npm ci fails on windows" }])
 * // "works now\n(context: npm ci fails on windows)"
 */
export function contextText(own: string, sources: readonly ContextSource[], maxWords = 60): string {
  return `${excerpt(own, maxWords)}\n(context: ${sources.map((source) => source.text).join(" | ")})`;
}

import { jumpLink } from "../retrieval/results.ts";

/** A source an answer may cite: its number in the prompt and where it lives. */
export interface Citation {
  n: number;
  messageId: string;
  channelId: string;
  authorId: string;
  url: string;
}

/**
 * Keeps only citations of sources that were given: `[n]` for an unknown `n` is removed, and
 * `[1, 2]` is written `[1][2]`. Mass mentions are defused so an answer can never ping a whole
 * server. Resolves the cleaned text and the sources it cites, in order of first citation.
 *
 * @example
 * resolveCitations("Use npm ci [1][7].", sources) // { text: "Use npm ci [1].", cited: [source 1] }
 */
export function resolveCitations(
  text: string,
  sources: readonly Citation[],
): { text: string; cited: Citation[] } {
  const byNumber = new Map(sources.map((source) => [source.n, source]));
  const order: number[] = [];
  const cleaned = text
    .replace(/\[(\d+(?:\s*,\s*\d+)*)\]/g, (_, list: string) =>
      list
        .split(",")
        .map((part) => Number(part.trim()))
        .filter((n) => byNumber.has(n))
        .map((n) => {
          if (!order.includes(n)) order.push(n);
          return `[${n}]`;
        })
        .join(""),
    )
    .replace(/@(everyone|here)/g, "@\u200b$1")
    .replace(/[ \t]+([.,;:!?])/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
  return { text: cleaned, cited: order.map((n) => byNumber.get(n) as Citation) };
}

/**
 * Numbers retrieved messages 1…n as an answer cites them.
 *
 * @example
 * numberSources(guildId, [{ messageId, channelId, authorId }]) // [{ n: 1, url: "https://discord.com/channels/…", … }]
 */
export function numberSources(
  guildId: string,
  messages: ReadonlyArray<{ messageId: string; channelId: string; authorId: string }>,
): Citation[] {
  return messages.map(({ messageId, channelId, authorId }, i) => ({
    n: i + 1,
    messageId,
    channelId,
    authorId,
    url: jumpLink(guildId, channelId, messageId),
  }));
}

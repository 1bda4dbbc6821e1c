import { jumpLink } from "../retrieval/results.ts";

/** A source an answer may cite: its number in the prompt and where it lives. */
export interface Citation {
  n: number;
  messageId: string;
  channelId: string;
  authorId: string;
  url: string;
}

// Fenced blocks (an unclosed fence runs to the end) and inline code spans: text inside them is
// copied as written, so YAML keeps its indentation and `arr[1]` is not read as a citation.
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]+`/g;

/** Splits text into alternating prose and code parts; odd indexes are code. */
function splitCode(text: string): string[] {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(CODE)) {
    parts.push(text.slice(last, match.index), match[0]);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/**
 * Keeps only citations of sources that were given: `[n]` for an unknown `n` is removed together
 * with the space before it when punctuation or a space follows, and `[1, 2]` is written
 * `[1][2]`. Code blocks and inline code are left exactly as written. Mass mentions are defused
 * everywhere, so an answer can never ping a whole server. Resolves the cleaned text and the
 * sources it cites, in order of first citation.
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
  const cite = (list: string) =>
    list
      .split(",")
      .map((part) => Number(part.trim()))
      .filter((n) => byNumber.has(n))
      .map((n) => {
        if (!order.includes(n)) order.push(n);
        return `[${n}]`;
      })
      .join("");
  const prose = (part: string) =>
    part.replace(
      /([ \t]*)\[(\d+(?:\s*,\s*\d+)*)\](?=(.?))/g,
      (_, space: string, list: string, next: string) => {
        const kept = cite(list);
        if (kept) return `${space}${kept}`;
        // A dropped citation takes its leading space along when nothing but punctuation, a
        // space or another citation follows, so "ci [7]." becomes "ci." and never "ci ."
        return next === "" || /[\s.,;:!?)[]/.test(next) ? "" : space;
      },
    );
  const cleaned = splitCode(text)
    .map((part, i) => (i % 2 === 0 ? prose(part) : part))
    .join("")
    .replace(/@(everyone|here)/g, "@\u200b$1")
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

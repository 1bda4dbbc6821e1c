// Turns Discord message markup into plain searchable text. Code (fenced blocks and inline spans)
// is kept verbatim, as code: nothing inside it is rewritten.

const FENCE = /```([a-z0-9+#.-]*)\n?([\s\S]*?)```/gi;
const INLINE_CODE = /`([^`\n]+)`/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const INVISIBLE = /[\p{Cc}\u200b-\u200f\u2060\ufeff\uE000-\uF8FF]/gu;

/** Resolves a mentioned user, role or channel id to a display name; `undefined` keeps a generic name. */
export interface MentionNames {
  user?(id: string): string | undefined;
  role?(id: string): string | undefined;
  channel?(id: string): string | undefined;
}

/**
 * The text of a Discord message as it reads: mentions become `@name`/`#channel`, custom emoji
 * `:name:`, timestamps an ISO date, links lose their scheme and tracking query, markdown
 * emphasis and spoiler bars go, and code blocks stay code. Whitespace is collapsed outside code.
 *
 * @example
 * normalizeMessage("hey <@123> see <https://GitHub.com/a/b?utm=x> <:pepe:42> `npm ci`")
 * // "hey @user see github.com/a/b :pepe: `npm ci`"
 */
export function normalizeMessage(content: string, names: MentionNames = {}): string {
  const code: string[] = [];
  const keep = (text: string) => `\uE000${code.push(text) - 1}\uE001`;
  let text = content.normalize("NFKC").replace(/\r\n?/g, "\n");
  text = text.replace(INVISIBLE, (char) => (char === "\n" || char === "\t" ? char : ""));
  text = text.replace(
    FENCE,
    (_, lang: string, body: string) => `\n${keep(`\`\`\`${lang}\n${body.trimEnd()}\n\`\`\``)}\n`,
  );
  text = text.replace(INLINE_CODE, (_, body: string) => keep(`\`${body}\``));
  text = rewriteMarkup(text, names);
  text = text
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
  return text.replace(PLACEHOLDER, (_, i: string) => code[Number(i)] ?? "").trim();
}

function rewriteMarkup(text: string, names: MentionNames): string {
  return text
    .replace(/<@!?(\d+)>/g, (_, id: string) => `@${names.user?.(id) ?? "user"}`)
    .replace(/<@&(\d+)>/g, (_, id: string) => `@${names.role?.(id) ?? "role"}`)
    .replace(/<#(\d+)>/g, (_, id: string) => `#${names.channel?.(id) ?? "channel"}`)
    .replace(/<\/([\w -]+):\d+>/g, "/$1")
    .replace(/<a?:(\w+):\d+>/g, ":$1:")
    .replace(/<t:(-?\d+)(?::[tTdDfFR])?>/g, (_, seconds: string) => isoDate(Number(seconds)))
    .replace(/<(https?:\/\/[^\s>]+)>/g, "$1")
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, "$1 ($2)")
    .replace(/https?:\/\/[^\s<>()]+/gi, (url) => shortUrl(url))
    .replace(/\|\||\*\*|__|~~/g, "")
    .replace(/(^|\s)[*_]([^*_\n]+)[*_](?=\s|$|[.,!?])/g, "$1$2")
    .replace(/^(?:>>> |> |#{1,3} |-# )/gm, "");
}

function isoDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

/**
 * A link as words can find it: host (without `www.`) and path, no scheme, query or fragment.
 *
 * @example
 * shortUrl("https://www.example.com/docs/Setup?utm_source=x#top") // "example.com/docs/Setup"
 */
export function shortUrl(url: string): string {
  const trailing = /[.,!?;:'"]+$/.exec(url)?.[0] ?? "";
  const bare = trailing ? url.slice(0, -trailing.length) : url;
  try {
    const parsed = new URL(bare);
    const path = parsed.pathname === "/" ? "" : parsed.pathname.replace(/\/$/, "");
    return `${parsed.host.toLowerCase().replace(/^www\./, "")}${path}${trailing}`;
  } catch {
    return url;
  }
}

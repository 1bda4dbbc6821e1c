const FENCE = /```(?:([\w+#.-]{1,20})(?=\n))?/g;
const CLOSE = "\n```";

/**
 * The fence opener (for example "```ts") still open after `text`, given the one open before it,
 * or null when every code block in it is closed.
 */
function openFenceAfter(text: string, open: string | null): string | null {
  let state = open;
  for (const match of text.matchAll(FENCE)) state = state === null ? `\`\`\`${match[1] ?? ""}` : null;
  return state;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to cut `text` to keep at most `max` characters: the end of the piece and where the rest starts. */
function findCut(text: string, max: number): { end: number; next: number } {
  const newline = text.lastIndexOf("\n", max);
  if (newline > 0) return { end: newline, next: newline + 1 };
  const space = text.lastIndexOf(" ", max);
  if (space > 0) return { end: space, next: space + 1 };
  let end = max;
  // Never cut through a surrogate pair or a run of backticks that may be a fence.
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  while (end > 1 && text[end - 1] === "`" && text[end] === "`") end -= 1;
  return { end, next: end };
}

/**
 * Splits text into pieces of at most `limit` characters, cutting at a newline, else at a space,
 * else anywhere. A code block cut in two is closed at the end of one piece and reopened, with its
 * language, at the start of the next, so every piece renders on its own.
 *
 * @example
 * splitText("a\n".repeat(1500), 2000); // two pieces, each cut at a newline
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  let fence: string | null = null;
  for (;;) {
    const prefix = fence ? `${fence}\n` : "";
    if (prefix.length + rest.length <= limit) {
      pieces.push(prefix + rest);
      return pieces;
    }
    const { end, next } = findCut(rest, limit - prefix.length - CLOSE.length);
    const piece = rest.slice(0, end);
    const open = openFenceAfter(piece, fence);
    pieces.push(prefix + piece + (open ? CLOSE : ""));
    rest = rest.slice(next);
    fence = open;
  }
}

/**
 * Shortens text to at most `max` characters, ending in "…" when anything was cut.
 *
 * @example
 * truncate("abcdef", 4); // "abc…"
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

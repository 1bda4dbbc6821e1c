import { indexWords, stem } from "../text/tokens.ts";

/**
 * A one-line excerpt of a message around the first word that matches the query (by stem),
 * at most `max` characters, with `…` where it was cut. Code fences are dropped so a cut never
 * leaves a block open.
 *
 * @example
 * snippet("long intro … the deploy failed at step 3 …", "deploy failure", 40) // "…the deploy failed at step 3…"
 */
export function snippet(text: string, query: string, max = 200): string {
  const flat = text
    .replace(/```[\w+#.-]*\n?/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (flat.length <= max) return flat;
  const wanted = new Set(indexWords(query).map(stem));
  const matcher = /[\p{L}\p{N}_]+/gu;
  let at = 0;
  for (let match = matcher.exec(flat); match; match = matcher.exec(flat)) {
    if (indexWords(match[0]).some((word) => wanted.has(stem(word)))) {
      at = match.index;
      break;
    }
  }
  const start = Math.max(0, Math.min(at - Math.floor(max / 4), flat.length - max));
  const end = Math.min(flat.length, start + max);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end).trim()}${end < flat.length ? "…" : ""}`;
}

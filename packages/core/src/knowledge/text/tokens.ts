// Keyword terms of a text: the words a keyword index stores and a query looks up. Both sides
// go through this one function, so a document and a query always meet on the same terms.

const STOP_WORDS = new Set(
  (
    "a about all also am an and any are as at be been but by can could did do does doing for from " +
    "had has have he her here him his how i if in into is it its just me my no not of on or our " +
    "out she so some than that the their them then there these they this those to too up us was " +
    "we were what when where which who why will with would you your yours im ive its dont"
  ).split(" "),
);

/**
 * The raw words of a text: accents folded, lower case, camelCase and snake_case split (the
 * joined identifier is kept too), letters repeated three or more times shortened to two.
 *
 * @example
 * words("getUserById failed sooooo hard") // ["getuserbyid", "get", "user", "by", "id", "failed", "soo", "hard"]
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const folded = text.normalize("NFKD").replace(/\p{M}+/gu, "");
  for (const raw of folded.split(/[^\p{L}\p{N}_]+/u)) {
    if (raw.length === 0) continue;
    const parts = raw
      .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2")
      .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
      .split(/[\s_]+/)
      .filter((part) => part.length > 0)
      .map(squeeze);
    const joined = squeeze(raw.replace(/_/g, ""));
    if (parts.length > 1 && joined.length > 0) out.push(joined);
    out.push(...parts);
  }
  return out;
}

const squeeze = (word: string) => word.toLowerCase().replace(/(\p{L})\1{2,}/gu, "$1$1");

/**
 * A conservative suffix stemmer (plurals, -ing, -ed, -ly), so "deploying", "deployed" and
 * "deploys" meet "deploy". Short words and numbers are left alone.
 *
 * @example
 * [stem("crashes"), stem("running"), stem("queries"), stem("status")] // ["crash", "run", "query", "status"]
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("ing") && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith("ed") && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith("ly") && word.length > 5) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

function undouble(word: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(word) && !/(ll|ss|zz)$/.test(word) ? word.slice(0, -1) : word;
}

/**
 * The words of a text that carry meaning: no stop words, no single letters (digits stay).
 *
 * @example
 * indexWords("The deploys are failing") // ["deploys", "failing"]
 */
export function indexWords(text: string): string[] {
  return words(text).filter((word) => !STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word)));
}

/**
 * The terms a keyword index stores for a text, in order: `indexWords`, stemmed.
 *
 * @example
 * keywordTerms("The deploys are failing with 502s") // ["deploy", "fail", "502s"]
 */
export function keywordTerms(text: string): string[] {
  return indexWords(text).map(stem);
}

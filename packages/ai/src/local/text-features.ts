// Words, word pairs and character n-grams of a text, for the hashed local embedder.

// Frequent English words carry little meaning; without corpus statistics (IDF) they would make
// any two sentences look alike. They keep a small weight, so "to be or not to be" still embeds.
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have he her his how i if in " +
    "into is it its just me my no not of on or our she so than that the their them then there these they " +
    "this to too us was we were what when where which who why will with would you your"
  ).split(" "),
);

const STOP_WEIGHT = 0.15;

/**
 * The words of a text, normalised so that spelling variants meet: camelCase and snake_case
 * split, accents folded, lower case, punctuation dropped.
 *
 * @example
 * words("The deployFailed at Café_Login!") // ["the", "deploy", "failed", "at", "cafe", "login"]
 */
export function words(text: string): string[] {
  const split = text
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2") // fooBar, v2Beta
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2"); // HTTPServer → HTTP Server
  const folded = split.normalize("NFKD").replace(/\p{M}+/gu, "");
  return folded
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

export interface FeatureGroups {
  /** `w:<word>` → weight */
  words: Map<string, number>;
  /** `b:<word> <word>` → weight */
  pairs: Map<string, number>;
  /** `c:<3 to 5 characters>` → weight, from each word padded with `<` and `>` */
  grams: Map<string, number>;
}

/**
 * Features of a text in three groups, weighted by sublinear term frequency (1 + ln tf);
 * stop words and pairs of stop words weigh less, and add no character n-grams.
 *
 * @example
 * features("login fails").pairs // Map { "b:login fails" => 1 }
 */
export function features(text: string): FeatureGroups {
  const tokens = words(text);
  const counts = { words: new Map<string, number>(), pairs: new Map<string, number>(), grams: new Map() };
  const weights = new Map<string, number>();
  const add = (group: Map<string, number>, feature: string, weight: number) => {
    group.set(feature, (group.get(feature) ?? 0) + 1);
    weights.set(feature, Math.max(weights.get(feature) ?? 0, weight));
  };
  tokens.forEach((word, i) => {
    const stop = STOP_WORDS.has(word);
    add(counts.words, `w:${word}`, stop ? STOP_WEIGHT : 1);
    const next = tokens[i + 1];
    if (next !== undefined) {
      const both = stop && STOP_WORDS.has(next);
      add(counts.pairs, `b:${word} ${next}`, both ? STOP_WEIGHT : 1);
    }
    if (!stop) for (const gram of charGrams(word)) add(counts.grams, `c:${gram}`, 1);
  });
  const weigh = (group: Map<string, number>) =>
    new Map([...group].map(([feature, tf]) => [feature, (1 + Math.log(tf)) * (weights.get(feature) ?? 1)]));
  return { words: weigh(counts.words), pairs: weigh(counts.pairs), grams: weigh(counts.grams) };
}

function* charGrams(word: string): Generator<string> {
  const padded = `<${word}>`;
  for (let size = 3; size <= 5; size++) {
    for (let start = 0; start + size <= padded.length; start++) yield padded.slice(start, start + size);
  }
}

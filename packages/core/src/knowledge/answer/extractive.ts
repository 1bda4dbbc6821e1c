import { indexWords, stem } from "../text/tokens.ts";

const MAX_PASSAGE = 300;

/**
 * The sentence run of a text that shares the most words with the question (by stem), at
 * most 300 characters: what an extractive answer quotes.
 *
 * @example
 * bestPassage("Hi all. Run npm ci to fix the lockfile. Thanks!", "how to fix lockfile") // "Run npm ci to fix the lockfile."
 */
export function bestPassage(text: string, question: string): string {
  const wanted = new Set(indexWords(question).map(stem));
  const sentences = text
    .replace(/```[\w+#.-]*\n?/g, "")
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  let best = { score: -1, index: 0 };
  sentences.forEach((sentence, index) => {
    const score = new Set(
      indexWords(sentence)
        .map(stem)
        .filter((term) => wanted.has(term)),
    ).size;
    if (score > best.score) best = { score, index };
  });
  let passage = sentences[best.index] ?? "";
  for (const next of sentences.slice(best.index + 1)) {
    if (passage.length + next.length + 1 > MAX_PASSAGE) break;
    passage = `${passage} ${next}`;
  }
  return passage.length > MAX_PASSAGE ? `${passage.slice(0, MAX_PASSAGE - 1).trimEnd()}…` : passage;
}

/**
 * An answer made of quotes, for when no chat model is configured or it failed: the most
 * relevant passages, each quoted and numbered as a citation, saying plainly what it is.
 *
 * @example
 * extractiveAnswer("how to deploy?", [{ n: 1, text: "Run make deploy." }], "no-model")
 * // "No language model is configured, so here are the most relevant messages (quoted, not a generated answer):\n> Run make deploy. [1]"
 */
export function extractiveAnswer(
  question: string,
  sources: ReadonlyArray<{ n: number; text: string }>,
  reason: "no-model" | "model-failed",
  max = 3,
): string {
  const why =
    reason === "no-model"
      ? "No language model is configured"
      : "The language model could not answer just now";
  const quotes = sources
    .slice(0, max)
    .map((source) => `> ${bestPassage(source.text, question).replace(/\n/g, " ")} [${source.n}]`);
  return [`${why}, so here are the most relevant messages (quoted, not a generated answer):`, ...quotes].join(
    "\n",
  );
}

import type { CodeChunk } from "./chunk-declarations.ts";

/**
 * Turns texts into vectors (structurally the core `EmbeddingModel`, e.g. the local hash
 * embedder), so ranking can add meaning to keyword overlap.
 */
export interface Embedder {
  embed(texts: string[]): Promise<{ vectors: Float32Array[] }>;
}

const STOPWORDS = new Set(
  "a an and are as at be by can do does for from has have how i if in into is it its make me my no not of on or please so that the their them then there this to was we when which will with you your add change should would could".split(
    " ",
  ),
);

/**
 * Lower-case words of a text, camelCase and snake_case split, stopwords and one-letter words
 * dropped, with a crude plural strip so "rolls" meets "roll".
 *
 * @example
 * terms("Make rollDice accept 3 dice") // ["roll", "dice", "accept", "3", "dice"]
 */
export function terms(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .map((word) =>
      word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word,
    );
}

function counts(words: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const word of words) map.set(word, (map.get(word) ?? 0) + 1);
  return map;
}

/** Keyword overlap with the query, weighting names and paths above bodies, rarer words above common ones. */
function keywordScores(chunks: readonly CodeChunk[], query: readonly string[]): number[] {
  const unique = [...new Set(query)];
  const bags = chunks.map((chunk) => ({
    name: counts(terms(chunk.name)),
    path: counts(terms(chunk.path)),
    body: counts(terms(chunk.text)),
  }));
  const idf = new Map(
    unique.map((word) => {
      const seen = bags.filter(
        (bag) => bag.body.has(word) || bag.name.has(word) || bag.path.has(word),
      ).length;
      return [word, Math.log(1 + chunks.length / (1 + seen))];
    }),
  );
  return bags.map((bag) =>
    unique.reduce((sum, word) => {
      const body = bag.body.get(word) ?? 0;
      const hits = 3 * (bag.name.get(word) ?? 0) + 2 * (bag.path.get(word) ?? 0) + body / (body + 1.5);
      return sum + (idf.get(word) ?? 0) * hits;
    }, 0),
  );
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}

/**
 * Orders chunks by relevance to a request: keyword overlap (scaled to the best chunk) plus,
 * with an embedder, the cosine similarity of request and chunk vectors. Ties keep file order.
 *
 * @example
 * const ranked = await rankChunks(chunks, "greet strangers more warmly", createHashEmbedder());
 */
export async function rankChunks(
  chunks: readonly CodeChunk[],
  request: string,
  embedder?: Embedder,
): Promise<{ chunk: CodeChunk; score: number }[]> {
  const keyword = keywordScores(chunks, terms(request));
  const best = Math.max(...keyword, 1e-9);
  let semantic: number[] = chunks.map(() => 0);
  if (embedder && chunks.length > 0) {
    const texts = [request, ...chunks.map((chunk) => `${chunk.path} ${chunk.name}\n${chunk.text}`)];
    const { vectors } = await embedder.embed(texts);
    const [query] = vectors;
    if (query) semantic = vectors.slice(1).map((vector) => cosine(query, vector));
  }
  return chunks
    .map((chunk, index) => ({
      chunk,
      score: (keyword[index] as number) / best + (semantic[index] as number),
    }))
    .sort((a, b) => b.score - a.score);
}

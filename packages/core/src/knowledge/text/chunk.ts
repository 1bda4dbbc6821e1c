/** How long chunks are and how much consecutive chunks share, in words. */
export interface ChunkOptions {
  /** Default 150 words: a long Discord message (4,000 characters) becomes 4–5 chunks. */
  maxWords?: number;
  /** Default 30 words repeated at the start of the next chunk, so a sentence cut in two is whole in one. */
  overlapWords?: number;
}

export const DEFAULT_CHUNKING: Required<ChunkOptions> = { maxWords: 150, overlapWords: 30 };

/**
 * Splits a text into overlapping windows of whole words, keeping line breaks inside a
 * window (code stays readable). A text within `maxWords` is one chunk, unchanged.
 *
 * @example
 * chunkText("a b c d e", { maxWords: 3, overlapWords: 1 }) // ["a b c", "c d e"]
 */
export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const { maxWords, overlapWords } = { ...DEFAULT_CHUNKING, ...options };
  if (!(maxWords > 0) || overlapWords < 0 || overlapWords >= maxWords) {
    throw new RangeError("chunking needs maxWords > 0 and 0 ≤ overlapWords < maxWords");
  }
  const pieces = text.split(/(?<=\s)(?=\S)/); // each word with the whitespace after it
  if (pieces.length <= maxWords) return [text];
  const chunks: string[] = [];
  const step = maxWords - overlapWords;
  for (let start = 0; start < pieces.length; start += step) {
    chunks.push(
      pieces
        .slice(start, start + maxWords)
        .join("")
        .trim(),
    );
    if (start + maxWords >= pieces.length) break;
  }
  return chunks;
}

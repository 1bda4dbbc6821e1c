/** What one embeddings request may carry. */
export interface BatchLimits {
  /** Inputs per request (the API allows 2,048). */
  maxInputs: number;
  /** Estimated tokens per request (the API allows 300,000 summed over the inputs). */
  maxTokens: number;
}

export const OPENAI_EMBEDDING_LIMITS: BatchLimits = { maxInputs: 2_048, maxTokens: 300_000 };

/**
 * An upper bound on a text's tokens: its UTF-8 bytes. OpenAI's tokenizers are byte-level BPE,
 * so no token covers less than one byte; English runs about 4 bytes a token, so this
 * overestimates about fourfold and a request never goes over the limit by surprise.
 *
 * @example
 * estimateTokens("héllo") // 6
 */
export function estimateTokens(text: string): number {
  return Math.max(1, Buffer.byteLength(text, "utf8"));
}

/**
 * Splits texts into consecutive batches within the limits, as `[start, end)` ranges. A text
 * that alone exceeds the token budget travels alone (the API then judges it).
 *
 * @example
 * planBatches(["aa", "bb", "cc"], { maxInputs: 2, maxTokens: 100 }) // [[0, 2], [2, 3]]
 */
export function planBatches(
  texts: readonly string[],
  limits: BatchLimits,
  estimate: (text: string) => number = estimateTokens,
): Array<[number, number]> {
  const batches: Array<[number, number]> = [];
  let start = 0;
  let tokens = 0;
  texts.forEach((text, i) => {
    const cost = estimate(text);
    const full = i - start >= limits.maxInputs || (i > start && tokens + cost > limits.maxTokens);
    if (full) {
      batches.push([start, i]);
      start = i;
      tokens = 0;
    }
    tokens += cost;
  });
  if (start < texts.length) batches.push([start, texts.length]);
  return batches;
}

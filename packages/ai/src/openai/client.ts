import OpenAI from "openai";

/** Retries the SDK makes on 408, 409, 429 and 5xx (with backoff, honouring `retry-after`). */
export const DEFAULT_OPENAI_RETRIES = 3;

/**
 * An OpenAI client from `OPENAI_API_KEY` and `OPENAI_BASE_URL` (any OpenAI-compatible server),
 * unless given explicitly: what the adapters build when they are not handed a client.
 *
 * @example
 * const client = createOpenAiClient({ apiKey: Resource.OpenAiApiKey.value });
 */
export function createOpenAiClient(
  options: { apiKey?: string; baseURL?: string; maxRetries?: number } = {},
): OpenAI {
  return new OpenAI({
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    maxRetries: options.maxRetries ?? DEFAULT_OPENAI_RETRIES,
  });
}

import { KnowledgeServiceError } from "@megawatts/core";
import { APIConnectionError, APIError, APIUserAbortError } from "openai";

/**
 * What the caller sees when an OpenAI call failed after the SDK's own retries: a
 * `KnowledgeServiceError` naming the service and status, with the SDK error as `cause`. An
 * abort by the caller's signal is passed through unchanged.
 *
 * @example
 * try { ... } catch (error) { throw openAiFailure("chat", error); }
 */
export function openAiFailure(service: "embeddings" | "chat", error: unknown): unknown {
  if (error instanceof APIUserAbortError || !(error instanceof Error)) return error;
  if (error instanceof KnowledgeServiceError) return error;
  if (error instanceof APIConnectionError) {
    return new KnowledgeServiceError(
      service,
      `OpenAI ${service} unreachable: ${error.message}`,
      { retryable: true },
      { cause: error },
    );
  }
  if (error instanceof APIError && error.status !== undefined) {
    const { status } = error;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return new KnowledgeServiceError(
      service,
      `OpenAI ${service} failed with ${status}: ${error.message}`,
      { status, retryable },
      { cause: error },
    );
  }
  return new KnowledgeServiceError(
    service,
    `OpenAI ${service} failed: ${error.message}`,
    { retryable: false },
    { cause: error },
  );
}

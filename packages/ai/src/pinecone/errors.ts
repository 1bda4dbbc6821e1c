import { KnowledgeServiceError } from "@megawatts/core";
import { Errors } from "@pinecone-database/pinecone";

// The SDK's errors carry a class per status but not the status itself.
const STATUS_BY_NAME: Readonly<Record<string, number>> = {
  PineconeBadRequestError: 400,
  PineconeAuthorizationError: 401,
  PineconeNotFoundError: 404,
  PineconeConflictError: 409,
  PineconeUnprocessableEntityError: 422,
  PineconeInternalServerError: 500,
  PineconeNotImplementedError: 501,
  PineconeUnavailableError: 503,
};

/**
 * A `KnowledgeServiceError` for a failed Pinecone call (after the SDK's own retries of 5xx),
 * with the SDK error as `cause`; other errors pass through unchanged.
 *
 * @example
 * try { ... } catch (error) { throw pineconeFailure("query", error); }
 */
export function pineconeFailure(operation: string, error: unknown): unknown {
  if (!(error instanceof Errors.BasePineconeError)) return error;
  const status = STATUS_BY_NAME[error.name] ?? statusInMessage(error.message);
  const transient =
    error instanceof Errors.PineconeConnectionError ||
    error instanceof Errors.PineconeMaxRetriesExceededError;
  const retryable = transient || status === 429 || (status !== undefined && status >= 500);
  return new KnowledgeServiceError(
    "vectors",
    `Pinecone ${operation} failed${status ? ` with ${status}` : ""}: ${error.message}`,
    { ...(status !== undefined ? { status } : {}), retryable },
    { cause: error },
  );
}

function statusInMessage(message: string): number | undefined {
  const match = /Status(?: Code)?: (\d{3})/.exec(message);
  return match ? Number(match[1]) : undefined;
}

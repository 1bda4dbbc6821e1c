import { isVisible } from "../errors.ts";

/**
 * An error that no retry can fix: bad input, a missing permission, a refused request. The
 * message may be shown to the user. Throw it from a job to answer at once instead of retrying.
 *
 * @example
 * throw new PermanentError("That page of results has expired; run the search again.");
 */
export class PermanentError extends Error {
  override name = "PermanentError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export type FailureKind = "permanent" | "transient";

// Network-level failures: the dependency was unreachable or hung up.
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
]);
// AWS error names that are the caller's fault yet pass with time (throttling, contention).
const TRANSIENT_NAMES = new Set([
  "TimeoutError",
  "AbortError",
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "TransactionConflictException",
  "LimitExceededException",
  "BrokenCircuitError",
  "TaskCancelledError",
]);
// A run that finds its claim held by another run of the same job, or an expired token.
const PERMANENT_NAMES = new Set(["ZodError", "PermanentError", "VisibleError", "SyntaxError"]);

function field(error: object, name: string): unknown {
  return Object.hasOwn(error, name) ? (error as Record<string, unknown>)[name] : undefined;
}

function httpStatus(error: object): number | undefined {
  const metadata = field(error, "$metadata");
  const fromMetadata =
    typeof metadata === "object" && metadata !== null
      ? (metadata as { httpStatusCode?: unknown }).httpStatusCode
      : undefined;
  const status = fromMetadata ?? field(error, "status") ?? field(error, "statusCode");
  return typeof status === "number" ? status : undefined;
}

function classifyStatus(status: number): FailureKind | undefined {
  if (status === 408 || status === 425 || status === 429 || status >= 500) return "transient";
  if (status >= 400) return "permanent";
  return undefined;
}

/**
 * Whether a failure may pass with time (network, throttling, 5xx, timeouts, an open breaker)
 * or never will (validation, 4xx, a user-visible refusal). Unknown errors count as transient,
 * so they are retried and, at worst, kept in the dead-letter queue: nothing is dropped on a
 * guess. The cause chain is followed, so a wrapped network error stays transient.
 *
 * @example
 * classifyFailure(new PermanentError("bad cursor")) // "permanent"
 * classifyFailure(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })) // "transient"
 */
export function classifyFailure(error: unknown, depth = 0): FailureKind {
  if (typeof error !== "object" || error === null || depth > 5) return "transient";
  if (isVisible(error)) return "permanent";
  const name = field(error, "name") ?? (error as Error).name;
  if (typeof name === "string" && PERMANENT_NAMES.has(name)) return "permanent";
  if (typeof name === "string" && TRANSIENT_NAMES.has(name)) return "transient";
  const code = field(error, "code");
  if (typeof code === "string" && TRANSIENT_CODES.has(code)) return "transient";
  const fault = field(error, "$fault");
  const status = httpStatus(error);
  const byStatus = status === undefined ? undefined : classifyStatus(status);
  if (byStatus) return byStatus;
  if (fault === "client") return "permanent";
  if (fault === "server") return "transient";
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? "transient" : classifyFailure(cause, depth + 1);
}

/**
 * A one-line reason for an operator: the error's name and message, without stack or payload.
 *
 * @example
 * failureReason(new Error("connect ECONNREFUSED 127.0.0.1:8000")) // "Error: connect ECONNREFUSED 127.0.0.1:8000"
 */
export function failureReason(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}

/**
 * The message a user sees for input that can never succeed: a visible or permanent error's own
 * message, or the first schema problem, named by its field.
 *
 * @example
 * permanentMessage(zodError) // "That request can't be done as sent: `cursor` Too big: expected string to have <=8 characters."
 */
export function permanentMessage(error: unknown): string {
  if (isVisible(error) || (error instanceof Error && error.name === "PermanentError")) return error.message;
  const issues = (error as { issues?: { path?: PropertyKey[]; message?: string }[] }).issues;
  const first = Array.isArray(issues) ? issues[0] : undefined;
  if (first) {
    const path = (first.path ?? []).map(String).join(".");
    return `That request can't be done as sent: ${path ? `\`${path}\` ` : ""}${first.message ?? "is invalid"}.`;
  }
  return "That request can't be done as sent.";
}

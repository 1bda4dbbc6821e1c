import { ulid } from "ulid";

/**
 * An error whose message may be shown to the Discord user who caused it.
 * Every other error is logged and answered with a generic message and a reference id.
 *
 * @example
 * throw new VisibleError("That channel is not indexed yet.");
 */
export class VisibleError extends Error {
  override name = "VisibleError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A short reference id a user can quote and an operator can grep the logs for.
 *
 * @example
 * referenceId() // "ref_7M2K9Q4XWD"
 */
export function referenceId(): string {
  return `ref_${ulid().slice(-10)}`;
}

/** Whether an error carries a message meant for the user. */
export function isVisible(error: unknown): error is VisibleError {
  return error instanceof VisibleError;
}

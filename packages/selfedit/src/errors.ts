/**
 * Raised when a snapshot cannot be read: an unknown commit, a directory that is not a git
 * repository, or git itself failing. Keeps git's own message as the cause.
 */
export class SnapshotError extends Error {
  override name = "SnapshotError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Raised when validation options are invalid (an unknown preset, a malformed glob). */
export class ValidationConfigError extends Error {
  override name = "ValidationConfigError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Raised by the command line for bad usage; the message says what was expected. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

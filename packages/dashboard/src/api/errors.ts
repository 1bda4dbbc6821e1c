import { isVisible, type Logger, referenceId } from "@megawatts/core";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError, z } from "zod";

/** A refusal the user can act on: its message is shown as is. */
export const refuse = (status: 400 | 401 | 403 | 404 | 409, message: string) =>
  new HTTPException(status, { message });

/**
 * Maps an error once, at the edge: refusals and the use cases' visible errors as 4xx with their
 * plain sentence; anything else as 500 with a reference id that is also on the log line.
 */
export function answerError(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    if (error instanceof ZodError)
      return c.json({ error: `The request is not valid: ${z.prettifyError(error)}` }, 400);
    if (isVisible(error)) return c.json({ error: error.message }, 400);
    const reference = referenceId();
    logger.error("dashboard.failed", { reference, path: c.req.path, error });
    return c.json({ error: `Something went wrong on our side (${reference}).`, reference }, 500);
  };
}

/** A refusal or failure the API explained: its sentence is shown to the user as is. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = "";

/** Remembers the session's CSRF token, which every state-changing call carries. */
export function rememberCsrfToken(token: string): void {
  csrfToken = token;
}

/**
 * Calls the dashboard API with the session cookie; a POST carries the CSRF token. Resolves with
 * the JSON answer, or throws `ApiError` with the API's own sentence.
 */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit =
    body === undefined
      ? { credentials: "same-origin" }
      : {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json", "x-csrf-token": csrfToken },
          body: JSON.stringify(body),
        };
  const response = await fetch(`/api${path}`, init);
  const answer = (await response.json().catch(() => ({}))) as { error?: string };
  if (!response.ok)
    throw new ApiError(response.status, answer.error ?? `The server answered ${response.status}.`);
  return answer as T;
}

import { createHmac, timingSafeEqual } from "node:crypto";
import { requestIdOfBranch } from "../writers/ports.ts";

/**
 * Whether `X-Hub-Signature-256` is GitHub's HMAC-SHA256 of the raw body under the webhook
 * secret. Compares in constant time; a missing, malformed or wrong-length header is `false`.
 * Never throws.
 *
 * @example
 * if (!verifyWebhookSignature(secret, rawBody, headers["x-hub-signature-256"])) return { statusCode: 401 };
 */
export function verifyWebhookSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!secret || !header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  const expected = createHmac("sha256", secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What a GitHub event means for a self-edit, named by its request id. */
export type SelfEditEvent =
  | {
      kind: "checks";
      requestId: string;
      /** `success`, `failure`, `cancelled`, … */
      conclusion: string;
      /** The check run's name, or `all checks` for a suite. */
      name: string;
      url?: string;
    }
  | { kind: "pull-request"; requestId: string; number: number; url: string; merged: boolean };

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === "object" && value !== null ? (value as Json) : {});
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function checksEvent(suite: Json, run: Json | undefined): SelfEditEvent | undefined {
  const requestId = requestIdOfBranch(text(suite.head_branch));
  const conclusion = text((run ?? suite).conclusion);
  if (!requestId || !conclusion) return undefined;
  const url = text(run?.html_url);
  return {
    kind: "checks",
    requestId,
    conclusion,
    name: text(run?.name) ?? "all checks",
    ...(url ? { url } : {}),
  };
}

/**
 * Reads the events that change a self-edit: `check_suite` and `check_run` completed, and
 * `pull_request` closed (merged or not), on a `megawatts/<request id>` branch. Anything else
 * is `undefined`: the endpoint answers 202 and does nothing.
 *
 * @example
 * parseWebhookEvent("pull_request", { action: "closed", pull_request: { merged: true, number: 7,
 *   html_url: "https://github.com/acme/bot/pull/7", head: { ref: "megawatts/se_01J…" } } });
 */
export function parseWebhookEvent(name: string | undefined, payload: unknown): SelfEditEvent | undefined {
  const body = object(payload);
  if (body.action !== "completed" && body.action !== "closed") return undefined;
  if (name === "check_suite" && body.action === "completed")
    return checksEvent(object(body.check_suite), undefined);
  if (name === "check_run" && body.action === "completed") {
    const run = object(body.check_run);
    return checksEvent(object(run.check_suite), run);
  }
  if (name === "pull_request" && body.action === "closed") {
    const pull = object(body.pull_request);
    const requestId = requestIdOfBranch(text(object(pull.head).ref));
    if (!requestId || typeof pull.number !== "number") return undefined;
    return {
      kind: "pull-request",
      requestId,
      number: pull.number,
      url: text(pull.html_url) ?? "",
      merged: pull.merged === true,
    };
  }
  return undefined;
}

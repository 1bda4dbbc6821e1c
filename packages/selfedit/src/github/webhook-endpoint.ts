import { parseWebhookEvent, type SelfEditEvent, verifyWebhookSignature } from "./webhook-events.ts";

/** A raw HTTP request (structurally `@megawatts/discord/http`'s `HttpRequest`). */
export interface WebhookRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

export interface WebhookResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

interface WebhookLogger {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

/** Remembers which deliveries were applied, so a replayed delivery is applied once. */
export interface DeliveryLog {
  /** Resolves true for a delivery id not seen before (and records it), false for a replay. */
  claim(delivery: string): Promise<boolean>;
  /** Forgets a delivery whose event could not be applied, so its redelivery is. */
  release(delivery: string): Promise<void>;
}

export interface GithubWebhookOptions {
  /** The webhook secret set on the GitHub App; empty refuses every delivery. */
  secret: string;
  /** Applies one self-edit event (updates the record and its Discord message). */
  handle(event: SelfEditEvent): Promise<void>;
  logger: WebhookLogger;
  /** Bodies larger than this get 413 (default 1 MiB; GitHub caps payloads at 25 MB). */
  maxBodyBytes?: number;
  /** Replay protection by `X-GitHub-Delivery`. */
  deliveries?: DeliveryLog;
}

const DELIVERY_ID = /^[0-9a-f-]{8,64}$/i;

const json = (statusCode: number, body: unknown): WebhookResponse => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/**
 * The `POST /github` edge: verifies `X-Hub-Signature-256` over the raw body (401 when missing
 * or wrong), answers 202 to events that concern no self-edit, and hands check and pull-request
 * events on `megawatts/…` branches to `handle` (200), once per `X-GitHub-Delivery` (a replay
 * gets 200 `duplicate`). It never answers 5xx: a delivery that cannot be applied gets 202 with
 * a reference (logged as an error, and released so GitHub's redelivery applies it).
 *
 * @example
 * const endpoint = createGithubWebhookEndpoint({ secret, handle: (event) => applyGithubEvent(deps, event), logger });
 * const response = await endpoint(request);
 */
export function createGithubWebhookEndpoint(options: GithubWebhookOptions) {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  return async function endpoint(request: WebhookRequest): Promise<WebhookResponse> {
    if (request.path !== "/github") return json(404, { error: "not found" });
    if (request.method !== "POST")
      return { ...json(405, { error: "method not allowed" }), headers: { allow: "POST" } };
    if (request.body.length > maxBodyBytes) return json(413, { error: "body too large" });
    const delivery = request.headers["x-github-delivery"];
    if (!verifyWebhookSignature(options.secret, request.body, request.headers["x-hub-signature-256"])) {
      options.logger.warn("github.rejected", { delivery, reason: "invalid signature" });
      return json(401, { error: "invalid signature" });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(request.body.toString("utf8"));
    } catch {
      return json(400, { error: "body is not JSON" });
    }
    const name = request.headers["x-github-event"];
    const event = parseWebhookEvent(name, payload);
    if (!event) {
      options.logger.info("github.ignored", { delivery, event: name });
      return json(202, { ignored: name ?? "unknown event" });
    }
    if (options.deliveries) {
      if (!delivery || !DELIVERY_ID.test(delivery))
        return json(400, { error: "missing or malformed X-GitHub-Delivery" });
      if (!(await claimOrTrue(options, delivery))) {
        options.logger.info("github.duplicate", { delivery, event: name });
        return json(200, { duplicate: delivery });
      }
    }
    try {
      await options.handle(event);
    } catch (error) {
      const reference = `gh_${Date.now().toString(36)}`;
      options.logger.error("github.failed", {
        delivery,
        event: name,
        requestId: event.requestId,
        reference,
        error,
      });
      if (delivery && options.deliveries) await options.deliveries.release(delivery).catch(() => {});
      return json(202, { applied: false, reference });
    }
    options.logger.info("github.applied", { delivery, event: name, requestId: event.requestId });
    return json(200, { applied: event.kind, requestId: event.requestId });
  };
}

/** A delivery log that is down must not block events: they are applied (at worst twice, which they tolerate). */
async function claimOrTrue(options: GithubWebhookOptions, delivery: string): Promise<boolean> {
  try {
    return (await options.deliveries?.claim(delivery)) ?? true;
  } catch (error) {
    options.logger.warn("github.delivery-log-unavailable", { delivery, error });
    return true;
  }
}

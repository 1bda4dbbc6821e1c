import type { Clock, Logger, Metrics } from "@megawatts/core";
import type {
  APIInteraction,
  APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
} from "discord-api-types/v10";
import type { SignatureVerifier } from "../verify.ts";

export interface HttpRequest {
  method: string;
  path: string;
  /** Header names in lower case, as API Gateway delivers them. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw body, exactly as signed. */
  body: Buffer;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface InteractionsEndpointOptions {
  verifySignature: SignatureVerifier;
  /** Answers every verified interaction but Discord's PING, which the endpoint answers itself. */
  handle(interaction: APIInteraction, startedAt: number): Promise<APIInteractionResponse>;
  logger: Logger;
  metrics: Metrics;
  /** The system clock unless given. */
  clock?: Clock;
  /** Reject timestamps further than this from now (default 5 minutes). */
  replayWindowMs?: number;
  /** Bodies larger than this get 413 (default 512 KiB). */
  maxBodyBytes?: number;
}

// The values themselves, not core's enum mirror (`Interaction`, `Response`): the Lambda's entry
// imports this module, and whatever it shares with the chunk the rest of an interaction loads
// from becomes a chunk of its own that every cold start loads (runtime's ingress-endpoint.ts).
// Each is typed as discord-api-types' member, so the compiler rejects any drift.
const PING: InteractionType.Ping = 1;
const KNOWN_TYPES = new Set<InteractionType>([
  PING,
  2 satisfies InteractionType.ApplicationCommand,
  3 satisfies InteractionType.MessageComponent,
  4 satisfies InteractionType.ApplicationCommandAutocomplete,
  5 satisfies InteractionType.ModalSubmit,
]);

const PONG: APIInteractionResponse = { type: 1 satisfies InteractionResponseType.Pong };
const PONG_BODY = JSON.stringify(PONG);

function json(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    headers: { "content-type": "application/json" },
    body: body === PONG ? PONG_BODY : JSON.stringify(body),
  };
}

// The shapes of the other interaction types are built on the first one a container sees, from
// their own chunk: a cold start that answers Discord's PING neither loads zod nor builds them.
// A PING's shape is only its type, which `isInteraction` checks.
let schema: Promise<typeof import("./interaction-schema.ts")> | undefined;

async function interactionProblem(interaction: APIInteraction): Promise<string | undefined> {
  schema ??= import("./interaction-schema.ts");
  return (await schema).interactionProblem(interaction);
}

function isInteraction(value: unknown): value is APIInteraction {
  if (typeof value !== "object" || value === null) return false;
  const { type, id, application_id: applicationId } = value as Record<string, unknown>;
  if (typeof type !== "number" || !KNOWN_TYPES.has(type)) return false;
  return type === PING || (typeof id === "string" && typeof applicationId === "string");
}

/**
 * The `POST /interactions` edge: size, signature and replay checks on the raw body, PONG to
 * Discord's PING, then the interaction handler. Bad input always gets a 4xx; it never reaches
 * the handler.
 *
 * @example
 * const endpoint = createInteractionsEndpoint({ verifySignature, handle, logger, metrics });
 * const response = await endpoint(request);
 */
export function createInteractionsEndpoint(options: InteractionsEndpointOptions) {
  const replayWindowMs = options.replayWindowMs ?? 5 * 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 512 * 1024;
  const reject = (statusCode: number, reason: string) => {
    options.logger.warn("interaction.rejected", { statusCode, reason });
    options.metrics.count("interaction.rejected", 1, { reason });
    return json(statusCode, { error: reason });
  };

  return async function endpoint(request: HttpRequest): Promise<HttpResponse> {
    const startedAt = performance.now();
    if (request.path !== "/interactions") return reject(404, "not found");
    if (request.method !== "POST")
      return { ...reject(405, "method not allowed"), headers: { allow: "POST" } };
    if (request.body.length > maxBodyBytes) return reject(413, "body too large");

    const signature = request.headers["x-signature-ed25519"] ?? "";
    const timestamp = request.headers["x-signature-timestamp"] ?? "";
    if (!options.verifySignature(signature, timestamp, request.body))
      return reject(401, "invalid request signature");
    const sentAt = Number(timestamp) * 1000;
    const now = options.clock ? options.clock.now() : Date.now();
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - sentAt) > replayWindowMs) {
      return reject(401, "stale request timestamp");
    }

    let interaction: unknown;
    try {
      interaction = JSON.parse(request.body.toString("utf8"));
    } catch {
      return reject(400, "body is not JSON");
    }
    if (!isInteraction(interaction)) return reject(400, "unknown interaction type");
    let response = PONG;
    if (interaction.type !== PING) {
      const problem = await interactionProblem(interaction);
      if (problem) return reject(400, `malformed interaction: ${problem}`);
      response = await options.handle(interaction, startedAt);
    }
    const ackMs = performance.now() - startedAt;
    options.metrics.timing("interaction.ack", ackMs, { type: String(interaction.type) });
    // In Lambda, CloudWatch derives `interaction.ack` from this line's ackMs and interactionType
    // (`metricsFromLogLines` in the runtime package), so the ingress writes one line per PING.
    options.logger.info("interaction.answered", {
      interactionId: interaction.id,
      interactionType: interaction.type,
      responseType: response.type,
      ackMs: Math.round(ackMs * 100) / 100,
    });
    return json(200, response);
  };
}

import type { Clock, Logger, Metrics } from "@megawatts/core";
import { createInteractionsEndpoint, type InteractionsEndpointOptions } from "@megawatts/discord/http";
import { createVerifier } from "@megawatts/discord/verify";

// The HTTP edge alone: the Lambda's entry imports this module and loads everything else an
// interaction needs (the use case, the plugins, the queues) from one chunk on the first
// interaction that is not a PING (see lambda-ingress.ts); the other runtimes pass what they
// built at start (see ingress.ts). Nothing here may import what that chunk imports, or the
// bundler puts the shared modules in chunks of their own that every cold start loads.

export type InteractionHandler = InteractionsEndpointOptions["handle"];

/**
 * The ingress's HTTP edge around the interaction use case. `loadHandler` runs once, on the
 * first interaction that is not a PING (the endpoint answers PINGs itself).
 */
export function ingressEndpoint(
  parts: { publicKey: string; logger: Logger; metrics: Metrics; clock?: Clock },
  loadHandler: () => Promise<InteractionHandler>,
) {
  let handler: Promise<InteractionHandler> | undefined;
  return createInteractionsEndpoint({
    verifySignature: createVerifier(parts.publicKey),
    handle: async (interaction, startedAt) => {
      // Concurrent first interactions share one load; a failed load is tried again by the next.
      handler ??= loadHandler().catch((error: unknown) => {
        handler = undefined;
        throw error;
      });
      return (await handler)(interaction, startedAt);
    },
    logger: parts.logger,
    metrics: parts.metrics,
    ...(parts.clock ? { clock: parts.clock } : {}),
  });
}

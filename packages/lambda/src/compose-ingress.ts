import { ingressPlugins } from "@megawatts/catalog/ingress";
import {
  type Clock,
  createCommandRegistry,
  handleInteraction,
  type JobQueue,
  type Logger,
  type Metrics,
  systemClock,
} from "@megawatts/core";
import { createInteractionsEndpoint } from "@megawatts/discord/http";
import { createVerifier } from "@megawatts/discord/verify";

export interface IngressParts {
  publicKey: string;
  queue: JobQueue;
  /** Named queues plugins may pick with `job.queue`, e.g. `{ selfedit }` (the FIFO self-edit queue). */
  queues?: Readonly<Record<string, JobQueue>>;
  logger: Logger;
  metrics: Metrics;
  clock?: Clock;
}

/**
 * Puts the ingress together from the adapters a runtime chose: registry from the installed
 * plugins, signature verifier, and the interaction use case behind the HTTP edge.
 *
 * @example
 * const endpoint = composeIngress({ publicKey, queue, logger, metrics });
 */
export function composeIngress(parts: IngressParts) {
  const clock = parts.clock ?? systemClock;
  const registry = createCommandRegistry(ingressPlugins);
  const deps = {
    registry,
    queue: parts.queue,
    ...(parts.queues ? { queues: parts.queues } : {}),
    logger: parts.logger,
    metrics: parts.metrics,
    clock,
  };
  return createInteractionsEndpoint({
    verifySignature: createVerifier(parts.publicKey),
    handle: (interaction, startedAt) => handleInteraction(deps, interaction, startedAt),
    logger: parts.logger,
    metrics: parts.metrics,
    clock,
  });
}

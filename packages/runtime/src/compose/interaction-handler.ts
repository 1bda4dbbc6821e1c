import {
  type Clock,
  type CommandRegistry,
  type CommandRegistryOptions,
  cachedPluginStates,
  handleInteraction,
  type JobKeys,
  type JobQueue,
  type Logger,
  type Metrics,
  type PluginStateReader,
  systemClock,
} from "@megawatts/core";
import { missingPermissions, type PermissionName, permissionLabel } from "@megawatts/discord/permissions";
import type { InteractionHandler } from "./ingress-endpoint.ts";

/** A change of a server's plugins reaches every ingress container within this long. */
export const PLUGIN_STATE_TTL_MS = 15_000;

export interface IngressParts {
  publicKey: string;
  queue: JobQueue;
  /** Named queues plugins may pick with `job.queue`, e.g. `{ selfedit }` (the FIFO self-edit queue). */
  queues?: Readonly<Record<string, JobQueue>>;
  /** Servers' plugin choices as stored; the ingress keeps them for `pluginStateTtlMs`. */
  pluginStates: PluginStateReader;
  /** How long a container trusts what it read (default `PLUGIN_STATE_TTL_MS`). */
  pluginStateTtlMs?: number;
  /** Where the keys of sealed job payloads go (Remember's text, questions, tool arguments). */
  jobKeys: Pick<JobKeys, "put">;
  logger: Logger;
  metrics: Metrics;
  clock?: Clock;
  /**
   * Discord's command limits, checked at start (`commandLimitViolations`) where plugins may have
   * changed since CI checked them, as in the local bot. The Lambda leaves it out: it ships the
   * catalog CI checked, and the check costs several milliseconds of every cold start.
   */
  limits?: CommandRegistryOptions["limits"];
}

/**
 * The interaction use case with what it runs on: the registry, the queues, plugin state behind
 * a per-container cache, and the permission names Discord's bit fields stand for. It answers
 * every verified interaction but the PING, which the endpoint answers itself.
 *
 * @example
 * const endpoint = ingressEndpoint(parts, async () => interactionHandler(parts, ingressRegistry()));
 */
export function interactionHandler(
  parts: Omit<IngressParts, "publicKey" | "limits">,
  registry: CommandRegistry,
): InteractionHandler {
  const clock = parts.clock ?? systemClock;
  const deps = {
    registry,
    queue: parts.queue,
    ...(parts.queues ? { queues: parts.queues } : {}),
    jobKeys: parts.jobKeys,
    pluginStates: cachedPluginStates(parts.pluginStates, {
      ttlMs: parts.pluginStateTtlMs ?? PLUGIN_STATE_TTL_MS,
      clock,
    }),
    missingPermissions: (required: readonly string[], granted: string | undefined) =>
      missingPermissions(required as PermissionName[], granted).map(permissionLabel),
    logger: parts.logger,
    metrics: parts.metrics,
    clock,
  };
  return (interaction, startedAt) => handleInteraction(deps, interaction, startedAt);
}

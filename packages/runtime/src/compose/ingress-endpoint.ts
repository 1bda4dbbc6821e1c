import {
  type Clock,
  type CommandRegistry,
  type CommandRegistryOptions,
  cachedPluginStates,
  handleInteraction,
  type InteractionDeps,
  type JobKeys,
  type JobQueue,
  type Logger,
  type Metrics,
  type PluginStateReader,
  systemClock,
} from "@megawatts/core";
import { createInteractionsEndpoint } from "@megawatts/discord/http";
import { missingPermissions, type PermissionName, permissionLabel } from "@megawatts/discord/permissions";
import { createVerifier } from "@megawatts/discord/verify";

// Kept apart from the plugins: the Lambda's entry imports this module and loads the plugins
// from their own chunk (see lambda-ingress.ts), the other runtimes at start (see ingress.ts).

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
 * The ingress's HTTP edge around the interaction use case. `loadRegistry` runs once, on the
 * first interaction that is not a PING (the endpoint answers PINGs itself).
 */
export function ingressEndpoint(parts: IngressParts, loadRegistry: () => Promise<CommandRegistry>) {
  const clock = parts.clock ?? systemClock;
  const common = {
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
  let deps: Promise<InteractionDeps> | undefined;
  return createInteractionsEndpoint({
    verifySignature: createVerifier(parts.publicKey),
    handle: async (interaction, startedAt) => {
      deps ??= loadRegistry().then((registry) => ({ ...common, registry }));
      return handleInteraction(await deps, interaction, startedAt);
    },
    logger: parts.logger,
    metrics: parts.metrics,
    clock,
  });
}

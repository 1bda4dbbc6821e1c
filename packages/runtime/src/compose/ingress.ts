import { ingressPlugins } from "@megawatts/catalog/ingress";
import {
  type Clock,
  type CommandRegistryOptions,
  cachedPluginStates,
  createCommandRegistry,
  handleInteraction,
  type JobKeys,
  type JobQueue,
  type Logger,
  lazyJobQueue,
  type Metrics,
  type PluginStateReader,
  systemClock,
} from "@megawatts/core";
import { createInteractionsEndpoint } from "@megawatts/discord/http";
import { missingPermissions, type PermissionName, permissionLabel } from "@megawatts/discord/permissions";
import { createVerifier } from "@megawatts/discord/verify";

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
 * Puts the ingress together from the adapters a runtime chose: registry from the installed
 * plugins, signature verifier, plugin state behind a per-container cache, and the interaction
 * use case behind the HTTP edge.
 *
 * @example
 * const endpoint = composeIngress({ publicKey, queue, pluginStates, logger, metrics });
 */
export function composeIngress(parts: IngressParts) {
  const clock = parts.clock ?? systemClock;
  const deps = {
    registry: createCommandRegistry(ingressPlugins, parts.limits ? { limits: parts.limits } : {}),
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
  return createInteractionsEndpoint({
    verifySignature: createVerifier(parts.publicKey),
    handle: (interaction, startedAt) => handleInteraction(deps, interaction, startedAt),
    logger: parts.logger,
    metrics: parts.metrics,
    clock,
  });
}

/** Where the Lambda ingress sends and reads, from its links. */
export interface LambdaIngressResources {
  publicKey: string;
  jobsQueueUrl: string;
  selfEditQueueUrl: string;
  /** The self-edit FIFO queue's message group: one self-edit at a time per repository. */
  repository: string;
  tableName: string;
  /** The key table, where the ingress may only write the keys of sealed job payloads. */
  keyTableName: string;
  /** The function's region, where its queues and tables are. */
  region: string;
}

/**
 * The ingress as the Lambda runs it: jobs go to SQS and plugin choices come from DynamoDB
 * and the keys of sealed job payloads go to DynamoDB through signed `fetch` calls, not the SDK's
 * clients (a few KB instead of a few hundred). Each loads from its own chunk on first use, so a cold start that answers a PING or a core command inline never reads or
 * compiles them.
 *
 * @example
 * export const endpoint = composeLambdaIngress(resources, { logger, metrics });
 */
export function composeLambdaIngress(
  resources: LambdaIngressResources,
  observability: { logger: Logger; metrics: Metrics },
) {
  const queue = lazyJobQueue(async () =>
    (await import("./ingress-queue.ts")).createIngressQueue(resources.jobsQueueUrl, resources.region),
  );
  const selfedit = lazyJobQueue(async () =>
    (await import("./ingress-queue.ts")).createIngressQueue(resources.selfEditQueueUrl, resources.region, {
      messageGroupId: () => resources.repository || "repository",
    }),
  );
  let reader: Promise<PluginStateReader> | undefined;
  const pluginStates: PluginStateReader = {
    async read(guildId) {
      reader ??= import("./ingress-plugin-states.ts").then((module) =>
        module.createPluginStateReader(resources.tableName, resources.region),
      );
      return (await reader).read(guildId);
    },
  };
  let keys: Promise<Pick<JobKeys, "put">> | undefined;
  const jobKeys: Pick<JobKeys, "put"> = {
    async put(ref, key) {
      keys ??= import("./ingress-job-keys.ts").then((module) =>
        module.createJobKeyWriter(resources.keyTableName, resources.region),
      );
      await (await keys).put(ref, key);
    },
  };
  return composeIngress({
    publicKey: resources.publicKey,
    queue,
    queues: { selfedit },
    pluginStates,
    jobKeys,
    ...observability,
  });
}

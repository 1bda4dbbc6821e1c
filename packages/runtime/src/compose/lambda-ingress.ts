import {
  type JobKeys,
  type Logger,
  lazyJobQueue,
  type Metrics,
  type PluginStateReader,
} from "@megawatts/core";
import { isFromLogLines } from "../log-metrics.ts";
import { metricsOnDemand } from "../metrics-on-demand.ts";
import { ingressEndpoint } from "./ingress-endpoint.ts";

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
 * The ingress as the Lambda runs it: jobs go to SQS, plugin choices come from DynamoDB and the
 * keys of sealed job payloads go to DynamoDB through signed `fetch` calls, not the SDK's clients
 * (a few KB instead of a few hundred). Each loads from its own chunk on first use, and so do the
 * plugins with their registry (CI checked the catalog the Lambda ships): a cold start that
 * answers Discord's PING reads and compiles none of them.
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
  return ingressEndpoint(
    { publicKey: resources.publicKey, queue, queues: { selfedit }, pluginStates, jobKeys, ...observability },
    async () => (await import("./ingress-registry.ts")).ingressRegistry(),
  );
}

/**
 * The Lambda ingress's metrics: Powertools' EMF lines, loaded with the first metric recorded. A
 * PING records none (CloudWatch derives its ack time from its log line: `metricsFromLogLines`),
 * so a cold start that answers a PING does not load Powertools' Metrics. Should they fail to
 * load, `logger` says how many metrics were dropped, and the answer still goes out.
 *
 * @example
 * const metrics = lambdaIngressMetrics(toCoreLogger(logger));
 * export const handler = createHttpHandler(endpoint, lambdaInvocation(logger, metrics.flush));
 */
export function lambdaIngressMetrics(logger: Logger) {
  return metricsOnDemand(
    async () => {
      const { createMetrics, flushMetrics, toCoreMetrics } = await import("../metrics.ts");
      const emf = createMetrics("ingress");
      return { metrics: toCoreMetrics(emf), flush: () => flushMetrics(emf) };
    },
    {
      skip: isFromLogLines,
      onError: (error, dropped) =>
        logger.error("metrics.unavailable", {
          dropped,
          error: error instanceof Error ? error.message : String(error),
        }),
    },
  );
}

import type { Logger, Metrics } from "@megawatts/core";
import { createJobKeyWriter } from "./ingress-job-keys.ts";
import { createPluginStateReader } from "./ingress-plugin-states.ts";
import { createIngressQueue } from "./ingress-queue.ts";
import { ingressRegistry } from "./ingress-registry.ts";
import { interactionHandler } from "./interaction-handler.ts";

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
 * What the Lambda ingress loads on its first interaction that is not a PING, as one chunk (see
 * lambda-ingress.ts): jobs go to SQS, plugin choices come from DynamoDB and the keys of sealed
 * job payloads go to DynamoDB, each through signed `fetch` calls rather than the SDK's clients
 * (a few KB instead of a few hundred).
 */
export function lambdaInteractionHandler(
  resources: LambdaIngressResources,
  observability: { logger: Logger; metrics: Metrics },
) {
  const { region } = resources;
  const selfedit = createIngressQueue(resources.selfEditQueueUrl, region, {
    messageGroupId: () => resources.repository || "repository",
  });
  return interactionHandler(
    {
      queue: createIngressQueue(resources.jobsQueueUrl, region),
      queues: { selfedit },
      pluginStates: createPluginStateReader(resources.tableName, region),
      jobKeys: createJobKeyWriter(resources.keyTableName, region),
      ...observability,
    },
    ingressRegistry(),
  );
}

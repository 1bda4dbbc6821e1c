import { lazyJobQueue } from "@megawatts/core";
import { composeIngress } from "@megawatts/lambda/compose-ingress";
import { createLogger, createMetrics, toCoreLogger, toCoreMetrics } from "@megawatts/lambda/observability";
import { Resource } from "sst/resource";

// Built once per container and reused by every invocation.
export const metrics = createMetrics("ingress");

// The SQS client loads on the first deferral: PINGs and inline answers never pay for it.
const queue = lazyJobQueue(async () =>
  (await import("./ingress-queue.ts")).createIngressQueue(Resource.JobsQueueSender.url),
);

export const endpoint = composeIngress({
  publicKey: Resource.DiscordPublicKey.value,
  queue,
  logger: toCoreLogger(createLogger("ingress")),
  metrics: toCoreMetrics(metrics),
});

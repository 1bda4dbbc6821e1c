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

// Self-edit jobs run one at a time per repository: the FIFO message group is the repository.
const selfedit = lazyJobQueue(async () =>
  (await import("./ingress-queue.ts")).createIngressQueue(Resource.SelfEditQueueSender.url, {
    messageGroupId: () => Resource.GithubRepository.value || "repository",
  }),
);

export const endpoint = composeIngress({
  publicKey: Resource.DiscordPublicKey.value,
  queue,
  queues: { selfedit },
  logger: toCoreLogger(createLogger("ingress")),
  metrics: toCoreMetrics(metrics),
});

import { SQSClient } from "@aws-sdk/client-sqs";
import { composeIngress } from "@megawatts/lambda/compose-ingress";
import { createLogger, createMetrics, toCoreLogger, toCoreMetrics } from "@megawatts/lambda/observability";
import { SqsJobQueue } from "@megawatts/storage/sqs";
import { Resource } from "sst/resource";

// Built once per container and reused by every invocation.
export const metrics = createMetrics("ingress");

export const endpoint = composeIngress({
  publicKey: Resource.DiscordPublicKey.value,
  queue: new SqsJobQueue(new SQSClient({}), Resource.JobsQueueSender.url),
  logger: toCoreLogger(createLogger("ingress")),
  metrics: toCoreMetrics(metrics),
});

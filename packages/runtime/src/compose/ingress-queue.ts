import { SQSClient } from "@aws-sdk/client-sqs";
import { SqsJobQueue, type SqsJobQueueOptions } from "@megawatts/storage/sqs-job-queue";

// One client for every queue the ingress sends to.
const client = new SQSClient({});

/** Loaded on the ingress's first deferral (see ingress.ts), so only deferrals pay for the SDK. */
export function createIngressQueue(queueUrl: string, options: SqsJobQueueOptions = {}) {
  return new SqsJobQueue(client, queueUrl, options);
}

import { SQSClient } from "@aws-sdk/client-sqs";
import { SqsJobQueue } from "@megawatts/storage/sqs-job-queue";

/** Loaded on the ingress's first deferral (see ingress.ts), so only deferrals pay for the SDK. */
export function createIngressQueue(queueUrl: string) {
  return new SqsJobQueue(new SQSClient({}), queueUrl);
}

import { lambdaCredentials, signingClient } from "@megawatts/storage/aws-fetch";
import { FetchJobQueue, type FetchJobQueueOptions } from "@megawatts/storage/fetch-job-queue";

/**
 * Loaded on the ingress's first deferral (see ingress.ts): one signed `fetch` to SQS's API per
 * job, no SDK client in the ingress.
 */
export function createIngressQueue(queueUrl: string, region: string, options: FetchJobQueueOptions = {}) {
  return new FetchJobQueue(signingClient("sqs", lambdaCredentials(), region), queueUrl, options);
}

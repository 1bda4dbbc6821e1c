import { lambdaCredentials, signingClient } from "@megawatts/storage/aws-fetch";
import { FetchJobQueue, type FetchJobQueueOptions } from "@megawatts/storage/fetch-job-queue";
import { lambdaTraceHeader } from "../trace-header.ts";

/**
 * The Lambda ingress's job queue (see lambda-interactions.ts): one signed `fetch` to SQS's API per
 * job, no SDK client in the ingress. Each message carries the invocation's trace header, so the
 * worker's trace continues the ingress's.
 */
export function createIngressQueue(queueUrl: string, region: string, options: FetchJobQueueOptions = {}) {
  const queueOptions = { traceHeader: lambdaTraceHeader, ...options };
  return new FetchJobQueue(signingClient("sqs", lambdaCredentials(), region), queueUrl, queueOptions);
}

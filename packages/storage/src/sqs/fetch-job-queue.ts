import type { Job, JobQueue } from "@megawatts/core";
import type { AwsClient } from "aws4fetch";
import { callJsonApi } from "../aws-fetch/json-api.ts";
import { type SqsJobQueueOptions, sendMessageInput } from "./send-message.ts";

export interface FetchJobQueueOptions extends SqsJobQueueOptions {
  /** Where the SQS API answers (default: the queue URL's origin, as in AWS). */
  endpoint?: string;
}

/**
 * The same messages as `SqsJobQueue`, sent with one signed `fetch` to SQS's JSON API instead of
 * the SDK client: the ingress ships and loads a few KB instead of the SDK's few hundred.
 *
 * @example
 * const queue = new FetchJobQueue(signingClient("sqs", lambdaCredentials(), region), Resource.JobsQueueSender.url);
 */
export class FetchJobQueue implements JobQueue {
  readonly #endpoint: string;

  constructor(
    private readonly client: AwsClient,
    private readonly queueUrl: string,
    private readonly options: FetchJobQueueOptions = {},
  ) {
    this.#endpoint = options.endpoint ?? `${new URL(queueUrl).origin}/`;
  }

  async enqueue(job: Job): Promise<void> {
    await callJsonApi(
      this.client,
      this.#endpoint,
      "AmazonSQS.SendMessage",
      sendMessageInput(this.queueUrl, job, this.options),
    );
  }
}

import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Job, JobQueue } from "@megawatts/core";
import { type SqsJobQueueOptions, sendMessageInput } from "./send-message.ts";

export type { SqsJobQueueOptions } from "./send-message.ts";

/**
 * Sends each job as one SQS message through the SDK client (see `sendMessageInput` for the
 * message, its FIFO group and deduplication id).
 *
 * @example
 * const queue = new SqsJobQueue(new SQSClient({}), Resource.JobsQueue.url);
 * const selfEdits = new SqsJobQueue(client, fifoUrl, { messageGroupId: () => "acme/bot" });
 */
export class SqsJobQueue implements JobQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly options: SqsJobQueueOptions = {},
  ) {}

  async enqueue(job: Job): Promise<void> {
    await this.client.send(new SendMessageCommand(sendMessageInput(this.queueUrl, job, this.options)));
  }
}

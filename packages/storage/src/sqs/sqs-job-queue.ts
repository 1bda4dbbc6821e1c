import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Job, JobQueue } from "@megawatts/core";

/**
 * Sends each job as one SQS message. On a FIFO queue the job id is the deduplication id and
 * the message group is the guild (or the job id), so one guild's jobs keep their order.
 *
 * @example
 * const queue = new SqsJobQueue(new SQSClient({}), Resource.JobsQueue.url);
 */
export class SqsJobQueue implements JobQueue {
  readonly #fifo: boolean;

  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {
    this.#fifo = queueUrl.endsWith(".fifo");
  }

  async enqueue(job: Job): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(job),
        MessageAttributes: {
          kind: { DataType: "String", StringValue: job.kind },
          correlationId: { DataType: "String", StringValue: job.correlationId },
        },
        ...(this.#fifo
          ? { MessageGroupId: job.interaction.guildId ?? job.id, MessageDeduplicationId: job.id }
          : {}),
      }),
    );
  }
}

import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
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

/**
 * Exponential backoff between deliveries of a failed message: its visibility timeout becomes
 * `baseSeconds * 2^(attempt-1)`, capped at `maxSeconds`.
 */
export function visibilityBackoff(client: SQSClient, queueUrl: string, baseSeconds = 2, maxSeconds = 300) {
  return async (record: { receiptHandle: string }, attempt: number) => {
    const seconds = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
    await client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  };
}

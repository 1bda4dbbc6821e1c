import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Job, JobQueue } from "@megawatts/core";
import { encodeMessageBody } from "./message-body.ts";

export interface SqsJobQueueOptions {
  /** The FIFO message group of a job (default: its guild, else its id). */
  messageGroupId?: (job: Job) => string;
  /**
   * The sender's X-Ray trace header, sent as the message attribute `AWSTraceHeader` so the
   * worker continues the trace (the local SQS server keeps no system attributes). In Lambda
   * leave it out: under active tracing the SDK sends the function's trace header with the
   * request and SQS sets the `AWSTraceHeader` system attribute itself.
   */
  traceHeader?: () => string | undefined;
}

/**
 * Sends each job as one SQS message, its body JSON that every SQS server accepts (see
 * `encodeMessageBody`). On a FIFO queue the job id is the deduplication id and
 * the message group is the guild (or the job id), so one guild's jobs keep their order;
 * `messageGroupId` groups otherwise (the self-edit queue: one group per repository).
 *
 * @example
 * const queue = new SqsJobQueue(new SQSClient({}), Resource.JobsQueue.url);
 * const selfEdits = new SqsJobQueue(client, fifoUrl, { messageGroupId: () => "acme/bot" });
 */
export class SqsJobQueue implements JobQueue {
  readonly #fifo: boolean;

  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly options: SqsJobQueueOptions = {},
  ) {
    this.#fifo = queueUrl.endsWith(".fifo");
  }

  #group(job: Job): string {
    return this.options.messageGroupId?.(job) ?? job.interaction.guildId ?? job.id;
  }

  async enqueue(job: Job): Promise<void> {
    const traceHeader = this.options.traceHeader?.();
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: encodeMessageBody(job),
        MessageAttributes: {
          kind: { DataType: "String", StringValue: job.kind },
          correlationId: { DataType: "String", StringValue: job.correlationId },
          ...(traceHeader ? { AWSTraceHeader: { DataType: "String", StringValue: traceHeader } } : {}),
        },
        ...(this.#fifo ? { MessageGroupId: this.#group(job), MessageDeduplicationId: job.id } : {}),
      }),
    );
  }
}

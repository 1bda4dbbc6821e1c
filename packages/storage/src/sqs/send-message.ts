import type { Job } from "@megawatts/core";
import { encodeMessageBody } from "./message-body.ts";

export interface SqsJobQueueOptions {
  /** The FIFO message group of a job (default: its guild, else its id). */
  messageGroupId?: (job: Job) => string;
}

/**
 * The `SendMessage` request for a job, the same for the SDK client and the JSON API: its body
 * JSON that every SQS server accepts (see `encodeMessageBody`), its kind and correlation id as
 * attributes; on a FIFO queue the job id is the deduplication id and the message group is the
 * guild (or the job id), so one guild's jobs keep their order, unless `messageGroupId` says otherwise.
 *
 * @example
 * const input = sendMessageInput(queueUrl, job, { messageGroupId: () => "acme/bot" });
 */
export function sendMessageInput(queueUrl: string, job: Job, options: SqsJobQueueOptions = {}) {
  const fifo = queueUrl.endsWith(".fifo");
  return {
    QueueUrl: queueUrl,
    MessageBody: encodeMessageBody(job),
    MessageAttributes: {
      kind: { DataType: "String", StringValue: job.kind },
      correlationId: { DataType: "String", StringValue: job.correlationId },
    },
    ...(fifo
      ? {
          MessageGroupId: options.messageGroupId?.(job) ?? job.interaction.guildId ?? job.id,
          MessageDeduplicationId: job.id,
        }
      : {}),
  };
}

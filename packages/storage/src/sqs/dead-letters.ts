import { type MessageAttributeValue, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";

/** A received message as the dead-letter sink needs it (Lambda's `SQSRecord` fits). */
export interface DeadLetterRecord {
  messageId: string;
  body: string;
  attributes: { MessageGroupId?: string | undefined };
  messageAttributes: Record<string, { stringValue?: string | undefined; dataType: string } | undefined>;
}

/** Message attributes a dead letter carries, beside the job's own `kind` and `correlationId`. */
export const DEAD_LETTER_ATTRIBUTES = ["reason", "attempts", "failedAt", "sourceQueue"] as const;

function copyStringAttributes(record: DeadLetterRecord): Record<string, MessageAttributeValue> {
  const copied: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(record.messageAttributes)) {
    if (value?.stringValue !== undefined && !DEAD_LETTER_ATTRIBUTES.includes(name as never))
      copied[name] = { DataType: value.dataType, StringValue: value.stringValue };
  }
  return copied;
}

/**
 * Keeps a job that will not succeed: sends its body unchanged to the dead-letter queue with
 * the failure reason, the number of tries, the time and the queue it came from as message
 * attributes. Nothing consumes the dead-letter queue; an operator lists, redrives or purges it
 * (`npm run dlq`), and its alarm fires on every arrival.
 *
 * @example
 * const deadLetter = sqsDeadLetterSink(sqs, { deadLetterUrl: Resource.JobsDeadLetterSender.url, sourceQueue: "jobs" });
 */
export function sqsDeadLetterSink(
  client: SQSClient,
  options: { deadLetterUrl: string; sourceQueue: string; now?: () => number },
) {
  const fifo = options.deadLetterUrl.endsWith(".fifo");
  const now = options.now ?? Date.now;
  return async (record: DeadLetterRecord, note: { reason: string; attempts: number }) => {
    await client.send(
      new SendMessageCommand({
        QueueUrl: options.deadLetterUrl,
        MessageBody: record.body,
        MessageAttributes: {
          ...copyStringAttributes(record),
          reason: { DataType: "String", StringValue: note.reason.slice(0, 1000) || "unknown" },
          attempts: { DataType: "Number", StringValue: String(note.attempts) },
          failedAt: { DataType: "Number", StringValue: String(now()) },
          sourceQueue: { DataType: "String", StringValue: options.sourceQueue },
        },
        ...(fifo
          ? {
              MessageGroupId: record.attributes.MessageGroupId ?? "dead-letters",
              MessageDeduplicationId: record.messageId,
            }
          : {}),
      }),
    );
  };
}

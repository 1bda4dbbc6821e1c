import { ChangeMessageVisibilityCommand, type SQSClient } from "@aws-sdk/client-sqs";

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

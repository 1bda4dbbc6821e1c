import { ChangeMessageVisibilityCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { type RetrySchedule, retryDelaySeconds } from "@megawatts/core";

/**
 * Backoff between deliveries of a failed message: its visibility timeout becomes the
 * schedule's jittered exponential delay for that try, shorter while the job still has a reply
 * to edit, longer once its interaction token is gone (or it never had one, as a task).
 *
 * @example
 * const backoff = visibilityBackoff(sqs, Resource.JobsQueue.url, JOB_RETRY_SCHEDULE);
 */
export function visibilityBackoff(client: SQSClient, queueUrl: string, schedule: RetrySchedule) {
  return async (record: { receiptHandle: string }, attempt: number, replyAlive: boolean) => {
    const seconds = retryDelaySeconds(schedule, attempt, { replyAlive });
    await client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  };
}

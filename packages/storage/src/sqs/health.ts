import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { HealthCheck } from "@megawatts/core";

/**
 * Probes one queue with `GetQueueAttributes`; the detail is its approximate depth.
 *
 * @example
 * const check = sqsQueueHealthCheck(new SQSClient({}), "jobs queue", Resource.JobsQueue.url);
 * await check.check(AbortSignal.timeout(2000)); // { detail: "3 waiting, 1 in flight" }
 */
export function sqsQueueHealthCheck(client: SQSClient, name: string, queueUrl: string): HealthCheck {
  return {
    name,
    kind: "queue",
    async check(signal) {
      const { Attributes: attributes = {} } = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }),
        { abortSignal: signal },
      );
      const waiting = attributes.ApproximateNumberOfMessages ?? "?";
      const inFlight = attributes.ApproximateNumberOfMessagesNotVisible ?? "?";
      return { detail: `${waiting} waiting, ${inFlight} in flight` };
    },
  };
}

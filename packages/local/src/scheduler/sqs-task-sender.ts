import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Task } from "@megawatts/core";
import type { SendTask } from "./one-shot.ts";

/**
 * JSON with every character outside the Basic Multilingual Plane written as a `\u` escape
 * pair: fauxqs refuses such characters in a body (real SQS takes them); both read the escapes.
 *
 * @example
 * bmpJson({ text: "🎉" }) // '{"text":"\\ud83c\\udf89"}'
 */
export function bmpJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u{10000}-\u{10FFFF}]/gu, (pair) =>
    Array.from({ length: pair.length }, (_, index) => `\\u${pair.charCodeAt(index).toString(16)}`).join(""),
  );
}

/**
 * Sends a due task to the jobs queue as one message, as EventBridge Scheduler's SQS target does.
 *
 * @example
 * const send = sqsTaskSender(clients.sqs, resources.jobsQueue.url);
 */
export function sqsTaskSender(client: SQSClient, queueUrl: string): SendTask {
  return async (task: Task) => {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: bmpJson(task),
        MessageAttributes: { kind: { DataType: "String", StringValue: task.kind } },
      }),
    );
  };
}

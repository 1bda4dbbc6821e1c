import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { Logger } from "@megawatts/core";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import pLimit from "p-limit";
import { lambdaContext, toSqsRecord } from "./sqs-event.ts";

export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface QueueRunnerOptions {
  client: SQSClient;
  queue: { url: string; arn: string };
  /** The same handler the Lambda runs for this queue. */
  handler: SqsBatchHandler;
  /** Shown as the function name in the context and in logs. */
  functionName: string;
  logger: Logger;
  region?: string;
  /** The Lambda timeout the context's deadline imitates (default 60 s, as in stacks/). */
  timeoutMs?: number;
  /**
   * Long-poll wait per ReceiveMessage, in seconds (default 2). A poll that arrives returns at
   * once; this only bounds how long `stop()` waits for an idle poll to end.
   */
  waitSeconds?: number;
  /** Receives running at once (default 1). Lambda starts five pollers for a queue. */
  pollers?: number;
  /**
   * Invocations running at once, each with its own batch (default: one per poller). Pollers
   * keep receiving while batches run, up to this many, as Lambda's event source mapping scales
   * up to its maximum concurrency, so a burst of jobs does not wait behind the batches before it.
   */
  maxConcurrency?: number;
  /**
   * Told, after each invocation, which messages' jobs were handled (deleted from the queue)
   * and which were left to come back.
   */
  onSettled?(outcome: { handled: Message[]; failed: Message[] }): void;
}

export interface QueueRunner {
  /** Resolves once the first long poll has been answered or is waiting. */
  readonly ready: Promise<void>;
  /** Stops polling once the current polls finish, and resolves when every running batch has finished too. */
  stop(): Promise<void>;
}

async function deleteSucceeded(options: QueueRunnerOptions, messages: Message[], response: SQSBatchResponse) {
  const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
  const done = messages.filter((message) => message.MessageId && !failed.has(message.MessageId));
  options.onSettled?.({ handled: done, failed: messages.filter((message) => !done.includes(message)) });
  if (done.length === 0) return;
  const result = await options.client.send(
    new DeleteMessageBatchCommand({
      QueueUrl: options.queue.url,
      Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
    }),
  );
  for (const failure of result.Failed ?? [])
    options.logger.warn("queue.delete-failed", { functionName: options.functionName, code: failure.Code });
}

async function invoke(options: QueueRunnerOptions, messages: Message[]) {
  const region = options.region ?? "us-east-1";
  const event: SQSEvent = {
    Records: messages.map((message) => toSqsRecord(message, options.queue.arn, region)),
  };
  const context = lambdaContext(options.functionName, options.timeoutMs ?? 60_000, region);
  try {
    await deleteSucceeded(options, messages, await options.handler(event, context));
  } catch (error) {
    // As in Lambda, a failed invocation leaves the whole batch to come back after its visibility timeout.
    options.onSettled?.({ handled: [], failed: messages });
    options.logger.error("queue.invocation-failed", { functionName: options.functionName, error });
  }
}

/**
 * Consumes a queue the way Lambda's SQS event source mapping does: long-polls up to 10
 * messages (with `pollers` polls at once), invokes the handler with an `SQSEvent` (up to
 * `maxConcurrency` invocations at once), deletes the records not reported in
 * `batchItemFailures`, and leaves the failed ones to reappear after their visibility timeout
 * (the queue itself moves them to the dead-letter queue after `maxReceiveCount`).
 *
 * @example
 * const runner = startQueueRunner({ client, queue: resources.jobsQueue, handler: worker.jobs, functionName: "jobs", logger });
 * await runner.stop();
 */
export function startQueueRunner(options: QueueRunnerOptions): QueueRunner {
  // A receive abandoned mid-poll would still take the next message and hide it for the whole
  // visibility timeout, so stopping waits for the current poll instead of aborting it.
  let stopping = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const receive = new ReceiveMessageCommand({
    QueueUrl: options.queue.url,
    MaxNumberOfMessages: 10,
    WaitTimeSeconds: options.waitSeconds ?? 2,
    MessageSystemAttributeNames: ["All"],
    MessageAttributeNames: ["All"],
  });

  const pollers = options.pollers ?? 1;
  // A slot is taken by a receive and then by the batch it brought, until that batch is done.
  const limit = pLimit(options.maxConcurrency ?? pollers);
  const running = new Set<Promise<void>>();
  /** Resolves once a receive in a slot of its own has come back (its batch runs on). */
  const pollOnce = () =>
    new Promise<void>((received, failed) => {
      const slot = limit(async () => {
        if (stopping) return received();
        try {
          const polling = options.client.send(receive);
          markReady();
          const { Messages: messages = [] } = await polling;
          received();
          // `invoke` settles every outcome itself, so a slot never rejects.
          if (messages.length > 0) await invoke(options, messages);
        } catch (error) {
          failed(error);
        }
      });
      running.add(slot);
      void slot.finally(() => running.delete(slot));
    });

  const loop = async () => {
    while (!stopping) {
      try {
        await pollOnce();
      } catch (error) {
        if (stopping) break;
        options.logger.warn("queue.receive-failed", { functionName: options.functionName, error });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  };
  const finished = Promise.all(Array.from({ length: pollers }, loop)).then(() => Promise.all(running));
  return {
    ready,
    async stop() {
      stopping = true;
      markReady();
      await finished;
    },
  };
}

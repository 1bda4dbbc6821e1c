import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { type Job, parseWork, type Task } from "@megawatts/core";

/** A dead-letter queue and the queue its jobs came from. */
export interface DeadLetterPair {
  /** `jobs` or `selfedit`, as the dead letters' `sourceQueue` attribute says. */
  name: string;
  deadLetterUrl: string;
  sourceUrl: string;
}

/** One kept job, as an operator sees it. */
export interface DeadLetter {
  queue: string;
  messageId: string;
  /** The job, for an interaction job. */
  job: Job | undefined;
  /** The task, for a scheduled task. */
  task: Task | undefined;
  /** The job's or task's id and kind; undefined when the body does not parse (a malformed message). */
  id: string | undefined;
  kind: string | undefined;
  body: string;
  reason: string;
  attempts: number | undefined;
  failedAt: number | undefined;
  receiptHandle: string;
  /** The FIFO message group it was sent with, kept on redrive. */
  groupId: string | undefined;
}

const attribute = (message: Message, name: string) => message.MessageAttributes?.[name]?.StringValue;
const numberOrUndefined = (text: string | undefined) =>
  text === undefined || !Number.isFinite(Number(text)) ? undefined : Number(text);

function toDeadLetter(queue: string, message: Message): DeadLetter {
  const body = message.Body ?? "";
  let work: ReturnType<typeof parseWork> | undefined;
  try {
    work = parseWork(body);
  } catch {
    work = undefined;
  }
  const job = work?.type === "job" ? work.job : undefined;
  const task = work?.type === "task" ? work.task : undefined;
  const receives = message.Attributes?.ApproximateReceiveCount;
  return {
    queue,
    messageId: message.MessageId ?? "",
    job,
    task,
    id: work?.id,
    kind: job?.kind ?? task?.kind,
    body,
    // A message the queue moved itself (a worker crashed or timed out) carries no reason.
    reason: attribute(message, "reason") ?? "no reason recorded: the queue moved it after its worker stopped",
    attempts: numberOrUndefined(attribute(message, "attempts")) ?? numberOrUndefined(receives),
    failedAt: numberOrUndefined(attribute(message, "failedAt")),
    receiptHandle: message.ReceiptHandle ?? "",
    groupId: message.Attributes?.MessageGroupId,
  };
}

/**
 * Lists, redrives and purges the jobs kept in dead-letter queues. SQS has no "peek": listing
 * receives every message with a short visibility timeout and then makes each visible again,
 * as the AWS console's "poll for messages" does.
 *
 * @example
 * const admin = new DeadLetterAdmin(new SQSClient({}), [{ name: "jobs", deadLetterUrl, sourceUrl }]);
 * for (const letter of await admin.list()) console.log(letter.messageId, letter.reason);
 */
export class DeadLetterAdmin {
  constructor(
    private readonly client: SQSClient,
    private readonly pairs: readonly DeadLetterPair[],
    private readonly now: () => number = Date.now,
  ) {}

  /** Every kept job of every queue, up to `limit` per queue, oldest failure first. */
  async list(limit = 1000): Promise<DeadLetter[]> {
    const all: DeadLetter[] = [];
    for (const pair of this.pairs) all.push(...(await this.#drainVisible(pair, limit)));
    return all.sort((a, b) => (a.failedAt ?? 0) - (b.failedAt ?? 0));
  }

  /** Receives every visible message, then makes all visible again except those in `hold`. */
  async #drainVisible(pair: DeadLetterPair, limit: number, hold = new Set<string>()): Promise<DeadLetter[]> {
    const seen = new Map<string, DeadLetter>();
    try {
      while (seen.size < limit) {
        const { Messages: messages = [] } = await this.client.send(
          new ReceiveMessageCommand({
            QueueUrl: pair.deadLetterUrl,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 30,
            WaitTimeSeconds: 0,
            MessageAttributeNames: ["All"],
            MessageSystemAttributeNames: ["All"],
          }),
        );
        const fresh = messages.filter((message) => message.MessageId && !seen.has(message.MessageId));
        if (fresh.length === 0) break;
        for (const message of fresh) seen.set(message.MessageId ?? "", toDeadLetter(pair.name, message));
      }
    } finally {
      await this.#release(
        pair,
        [...seen.values()].filter((letter) => !hold.has(letter.messageId)),
      );
    }
    return [...seen.values()];
  }

  async #release(pair: DeadLetterPair, letters: DeadLetter[]) {
    for (let start = 0; start < letters.length; start += 10) {
      const batch = letters.slice(start, start + 10);
      await this.client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: pair.deadLetterUrl,
          Entries: batch.map((letter, index) => ({
            Id: String(index),
            ReceiptHandle: letter.receiptHandle,
            VisibilityTimeout: 0,
          })),
        }),
      );
    }
  }

  /** The kept job with this message id (or job id), if any. */
  async find(id: string): Promise<DeadLetter | undefined> {
    return (await this.list()).find((letter) => letter.messageId === id || letter.id === id);
  }

  #pair(letter: DeadLetter): DeadLetterPair {
    const pair = this.pairs.find((candidate) => candidate.name === letter.queue);
    if (!pair) throw new Error(`no queue named ${letter.queue}`);
    return pair;
  }

  /**
   * Receives the letter again and deletes it with that receipt handle (the latest one is the
   * one SQS honours); resolves false when it is no longer there.
   */
  async #remove(letter: DeadLetter): Promise<boolean> {
    const pair = this.#pair(letter);
    const held = await this.#drainVisible(pair, 1000, new Set([letter.messageId]));
    const current = held.find((candidate) => candidate.messageId === letter.messageId);
    if (!current) return false;
    await this.client.send(
      new DeleteMessageCommand({ QueueUrl: pair.deadLetterUrl, ReceiptHandle: current.receiptHandle }),
    );
    return true;
  }

  /**
   * Sends kept jobs back to the queue they came from, marked as redriven (so one whose
   * interaction token died still runs and reports in its channel), then deletes them here.
   * A task goes back as it was. A malformed message cannot run and stays.
   */
  async redrive(letters: readonly DeadLetter[]): Promise<{ redriven: DeadLetter[]; skipped: DeadLetter[] }> {
    const redriven: DeadLetter[] = [];
    const skipped: DeadLetter[] = [];
    for (const letter of letters) {
      const { job, id, kind } = letter;
      if (!id || !kind) {
        skipped.push(letter);
        continue;
      }
      const pair = this.#pair(letter);
      const at = this.now();
      const fifo = pair.sourceUrl.endsWith(".fifo");
      await this.client.send(
        new SendMessageCommand({
          QueueUrl: pair.sourceUrl,
          MessageBody: job ? JSON.stringify({ ...job, redrivenAt: at }) : letter.body,
          MessageAttributes: { kind: { DataType: "String", StringValue: kind } },
          ...(fifo
            ? {
                MessageGroupId: letter.groupId ?? job?.interaction.guildId ?? id,
                MessageDeduplicationId: `${id}-redrive-${at}`,
              }
            : {}),
        }),
      );
      await this.#remove(letter);
      redriven.push(letter);
    }
    return { redriven, skipped };
  }

  /** Deletes one kept job for good. */
  async purge(letter: DeadLetter): Promise<void> {
    await this.#remove(letter);
  }
}

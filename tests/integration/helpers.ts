import {
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { LocalBot } from "@megawatts/local";
import { createLocalClients, startLocalBot } from "@megawatts/local";
import { createSigner, type Signer, signatureTimestamp } from "@megawatts/testing";
import type { APIInteraction, APIInteractionResponse } from "discord-api-types/v10";
import { inject } from "vitest";

// Metrics would print CloudWatch EMF lines; tests assert on behaviour, not on those.
process.env.POWERTOOLS_METRICS_DISABLED = "true";

let bots = 0;

/** A prefix no other test file or bot uses, so shared stand-ins keep their data apart. */
export function uniquePrefix(label: string): string {
  bots += 1;
  return `t${process.pid}-${label}-${bots}-`;
}

/**
 * A local bot on the shared stand-ins with its own resources, an in-process Discord sink,
 * a test key pair, five tries with no backoff between them and quiet logs.
 */
export async function startTestBot(label: string): Promise<{ bot: LocalBot; signer: Signer }> {
  const signer = createSigner();
  const bot = await startLocalBot({
    env: { DISCORD_PUBLIC_KEY: signer.publicKey },
    port: 0,
    standIns: inject("standIns"),
    resourcePrefix: uniquePrefix(label),
    retry: { maxAttempts: 5, initialSeconds: 0, maxSeconds: 0, maxSecondsWithoutReply: 0 },
    logLevel: (process.env.DEBUG_LOG as "INFO") ?? "SILENT",
  });
  return { bot, signer };
}

/** Clients for the shared stand-ins, for tests that talk to them directly. */
export function standInClients() {
  return createLocalClients(inject("standIns"));
}

export interface Posted {
  status: number;
  body: APIInteractionResponse & { error?: string };
}

/** POSTs a body to the bot's interactions endpoint with Discord's signature headers. */
export async function postSigned(
  bot: LocalBot,
  signer: Signer,
  body: string | APIInteraction,
  timestamp = signatureTimestamp(),
): Promise<Posted> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetch(`${bot.url}/interactions`, {
    method: "POST",
    body: text,
    headers: signer.headers(text, timestamp),
  });
  return { status: response.status, body: (await response.json()) as Posted["body"] };
}

/**
 * Retries `probe` until it stops throwing or `timeoutMs` passes, then throws its last error.
 * Timing never decides the outcome: the timeout only bounds a test that would otherwise hang.
 */
export async function eventually<T>(probe: () => Promise<T> | T, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Messages waiting plus in flight on a queue. */
export async function queueDepth(client: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes: attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return (
    Number(attributes.ApproximateNumberOfMessages) + Number(attributes.ApproximateNumberOfMessagesNotVisible)
  );
}

/** The messages waiting on a queue, with their attributes, left visible for the next reader. */
export async function receiveAll(client: SQSClient, queueUrl: string): Promise<Message[]> {
  const { Messages: messages = [] } = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 1,
      MessageAttributeNames: ["All"],
      MessageSystemAttributeNames: ["All"],
    }),
  );
  return messages;
}

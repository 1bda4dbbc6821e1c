import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { silentLogger } from "@megawatts/core";
import {
  type LocalClients,
  type Provisioned,
  provisionLocalResources,
  type QueueRunner,
  resourceNames,
  startQueueRunner,
} from "@megawatts/local";
import type { SQSRecord } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually, queueDepth, standInClients, uniquePrefix } from "./helpers.ts";

let clients: LocalClients;
let resources: Provisioned;
let runner: QueueRunner | undefined;

beforeAll(async () => {
  clients = standInClients();
  resources = await provisionLocalResources(clients, resourceNames(uniquePrefix("runner")));
});

afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

afterAll(() => clients.destroy());

async function send(body: string) {
  await clients.sqs.send(
    new SendMessageCommand({
      QueueUrl: resources.jobsQueue.url,
      MessageBody: body,
      MessageAttributes: { kind: { DataType: "String", StringValue: "test.kind" } },
    }),
  );
}

describe("the queue runner", () => {
  it("delivers records shaped like Lambda's SQS event", async () => {
    const seen: SQSRecord[] = [];
    runner = startQueueRunner({
      client: clients.sqs,
      queue: resources.jobsQueue,
      functionName: "shape",
      logger: silentLogger,
      handler: async (event) => {
        seen.push(...event.Records);
        return { batchItemFailures: [] };
      },
    });

    await send("hello");
    const [record] = await eventually(() => (seen.length > 0 ? seen : Promise.reject(new Error("none yet"))));

    expect(record).toMatchObject({
      body: "hello",
      eventSource: "aws:sqs",
      eventSourceARN: resources.jobsQueue.arn,
      awsRegion: "us-east-1",
      attributes: { ApproximateReceiveCount: "1" },
      messageAttributes: { kind: { stringValue: "test.kind", dataType: "String", stringListValues: [] } },
    });
  });

  it("runs a batch per poller at once, so a burst does not wait behind one batch", async () => {
    let inFlight = 0;
    let mostAtOnce = 0;
    let delivered = 0;
    let release: () => void = () => {};
    const twoAtOnce = new Promise<void>((resolve) => {
      release = resolve;
    });
    for (let i = 0; i < 20; i++) await send(`burst ${i}`);
    runner = startQueueRunner({
      client: clients.sqs,
      queue: resources.jobsQueue,
      functionName: "burst",
      logger: silentLogger,
      pollers: 2,
      // Each batch waits until another one runs beside it: one poller alone would never finish.
      handler: async (event) => {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        if (inFlight >= 2) release();
        await twoAtOnce;
        inFlight -= 1;
        delivered += event.Records.filter((record) => record.body.startsWith("burst ")).length;
        return { batchItemFailures: [] };
      },
    });

    try {
      await eventually(() => (delivered >= 20 ? delivered : Promise.reject(new Error(`${delivered} of 20`))));
    } finally {
      release();
    }

    expect(mostAtOnce).toBe(2);
  });

  it("keeps one poller receiving while its batches run, up to the maximum concurrency", async () => {
    let inFlight = 0;
    let mostAtOnce = 0;
    const bodies: string[] = [];
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    runner = startQueueRunner({
      client: clients.sqs,
      queue: resources.jobsQueue,
      functionName: "concurrent",
      logger: silentLogger,
      pollers: 1,
      maxConcurrency: 2,
      handler: async (event) => {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        bodies.push(...event.Records.map((record) => record.body));
        await released;
        inFlight -= 1;
        return { batchItemFailures: [] };
      },
    });

    // Each message is sent once the one before is in a running batch, so each is a batch of its own.
    for (const body of ["first", "second"]) {
      await send(body);
      await eventually(() => (bodies.includes(body) ? body : Promise.reject(new Error(`${body} not yet`))));
    }
    await send("third");
    // Two batches hold both slots: the third message stays on the queue, visible, until one ends.
    await eventually(async () => expect(await visibleMessages()).toBe(1));
    expect(bodies).toEqual(["first", "second"]);

    release();
    await eventually(async () => expect(bodies).toEqual(["first", "second", "third"]));
    await runner.stop();
    runner = undefined;

    expect(mostAtOnce).toBe(2);
    expect(await queueDepth(clients.sqs, resources.jobsQueue.url)).toBe(0);
  });

  it("deletes what succeeded and redelivers only the reported failure", async () => {
    const deliveries: Record<string, string[]> = {};
    runner = startQueueRunner({
      client: clients.sqs,
      queue: resources.jobsQueue,
      functionName: "partial",
      logger: silentLogger,
      handler: async (event) => {
        for (const record of event.Records) {
          const counts = deliveries[record.body] ?? [];
          counts.push(record.attributes.ApproximateReceiveCount);
          deliveries[record.body] = counts;
        }
        const failures = event.Records.filter(
          (record) => record.body === "fails once" && record.attributes.ApproximateReceiveCount === "1",
        );
        // Make the failed record visible again at once instead of after 6 minutes.
        for (const record of failures) await clients.sqs.send(changeVisibility(record.receiptHandle));
        return { batchItemFailures: failures.map((record) => ({ itemIdentifier: record.messageId })) };
      },
    });

    await send("succeeds");
    await send("fails once");
    await eventually(async () => expect(await queueDepth(clients.sqs, resources.jobsQueue.url)).toBe(0));

    expect(deliveries).toEqual({ succeeds: ["1"], "fails once": ["1", "2"] });
  });
});

async function visibleMessages() {
  const { Attributes: attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: resources.jobsQueue.url,
      AttributeNames: ["ApproximateNumberOfMessages"],
    }),
  );
  return Number(attributes.ApproximateNumberOfMessages);
}

function changeVisibility(receiptHandle: string) {
  return new ChangeMessageVisibilityCommand({
    QueueUrl: resources.jobsQueue.url,
    ReceiptHandle: receiptHandle,
    VisibilityTimeout: 0,
  });
}

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { TaskSchema } from "@megawatts/core";
import {
  LocalScheduler,
  type Provisioned,
  provisionLocalResources,
  resourceNames,
  sqsTaskSender,
  startDynamoDbLocal,
} from "@megawatts/local";
import { DynamoDocumentStore } from "@megawatts/storage/dynamodb";
import { ManualClock } from "@megawatts/testing/fakes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueDepth, standInClients, uniquePrefix } from "./helpers.ts";

const GUILD = "81384788765712384";
const NOW = Date.parse("2026-12-07T12:00:00Z");
const MINUTE = 60_000;

const clients = standInClients();
let dataDir: string;
afterAll(async () => {
  clients.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Takes every message waiting on the queue. */
async function drain(sqs: SQSClient, queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages: messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (messages.length === 0) return bodies;
    bodies.push(...messages.map((message) => message.Body ?? ""));
  }
}

/** A dev session: DynamoDB Local on the data dir, the table, and a scheduler on them. */
async function devSession(prefix: string, clock: ManualClock) {
  const dynamodbLocal = await startDynamoDbLocal({ dataDir });
  const dynamodb = new DynamoDBClient({
    endpoint: dynamodbLocal.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const resources: Provisioned = await provisionLocalResources(
    { dynamodb, sqs: clients.sqs, s3: clients.s3 },
    resourceNames(prefix),
  );
  const store = new DynamoDocumentStore({ client: dynamodb, tableName: resources.tableName, clock });
  const make = () =>
    new LocalScheduler({ store, clock, send: sqsTaskSender(clients.sqs, resources.jobsQueue.url) });
  return {
    resources,
    scheduler: make(),
    make,
    async stop() {
      dynamodb.destroy();
      await dynamodbLocal.close();
    },
  };
}

describe("the local scheduler across a restart of the dev runtime", () => {
  const prefix = uniquePrefix("schedules");
  const clock = new ManualClock(NOW);
  let queueUrl: string;
  let taskId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "megawatts-schedules-"));
    const first = await devSession(prefix, clock);
    queueUrl = first.resources.jobsQueue.url;
    const loop = first.scheduler.start(60_000);
    const task = await first.scheduler.schedule({
      kind: "moderation.unban",
      guildId: GUILD,
      payload: { userId: "80351110224678912", note: "welcome back 🎉" },
      runAt: NOW + 10 * MINUTE,
    });
    taskId = task.id;
    clock.advance(5 * MINUTE);
    await first.scheduler.tick();
    await loop.stop();
    await first.stop();
  }, 90_000);

  it("delivers the task at its time, exactly once, after DynamoDB Local restarted on the same data", async () => {
    const second = await devSession(prefix, clock);
    try {
      expect((await second.scheduler.list(GUILD)).map((task) => task.id)).toEqual([taskId]);
      expect(await drain(clients.sqs, queueUrl)).toEqual([]);

      clock.advance(5 * MINUTE - 1);
      expect(await second.scheduler.tick()).toEqual([]);
      clock.advance(1);
      const racer = second.make();
      await Promise.all([second.scheduler.tick(), racer.tick(), second.scheduler.tick()]);
      await second.scheduler.tick();

      const bodies = await drain(clients.sqs, queueUrl);
      expect(bodies).toHaveLength(1);
      expect(TaskSchema.parse(JSON.parse(bodies[0] ?? ""))).toEqual({
        v: 1,
        type: "task",
        id: taskId,
        kind: "moderation.unban",
        guildId: GUILD,
        payload: { userId: "80351110224678912", note: "welcome back 🎉" },
        scheduledFor: NOW + 10 * MINUTE,
        correlationId: taskId,
      });
      expect(await second.scheduler.list(GUILD)).toEqual([]);
      expect(await queueDepth(clients.sqs, queueUrl)).toBe(1);
    } finally {
      await second.stop();
    }
  }, 90_000);
});

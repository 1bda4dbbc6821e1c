import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { type Task, TaskSchema } from "@megawatts/core";
import { LocalScheduler, provisionLocalResources, resourceNames } from "@megawatts/local";
import { DynamoDocumentStore } from "@megawatts/storage/dynamodb";
import { EventBridgeScheduler } from "@megawatts/storage/scheduler";
import { ManualClock } from "@megawatts/testing/fakes";
import { InMemoryScheduler } from "@megawatts/testing/scheduler-fake";
import { type SchedulerTestServer, startSchedulerTestServer } from "@megawatts/testing/scheduler-server";
import { afterAll, afterEach } from "vitest";
import { standInClients, uniquePrefix } from "./helpers.ts";
import { describeSchedulerContract, NOW } from "./schedules-contract.ts";

const servers: SchedulerTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const clients = standInClients();
afterAll(() => clients.destroy());

describeSchedulerContract("EventBridgeScheduler on the Scheduler-protocol server", async () => {
  const server = await startSchedulerTestServer({ groups: ["contract"] });
  servers.push(server);
  const client = new SchedulerClient({
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const scheduler = new EventBridgeScheduler(client, {
    groupName: "contract",
    queueArn: "arn:aws:sqs:us-east-1:123456789012:JobsQueue",
    roleArn: "arn:aws:iam::123456789012:role/SchedulerRole",
    clock: new ManualClock(NOW),
  });
  return {
    scheduler,
    runDue: async (now) =>
      server.fire(now).map((invocation) => TaskSchema.parse(JSON.parse(invocation.input ?? ""))),
  };
});

describeSchedulerContract("LocalScheduler on DynamoDB Local", async () => {
  const clock = new ManualClock(NOW);
  const resources = await provisionLocalResources(clients, resourceNames(uniquePrefix("schedules-contract")));
  const store = new DynamoDocumentStore({ client: clients.dynamodb, tableName: resources.tableName, clock });
  const sent: Task[] = [];
  const scheduler = new LocalScheduler({
    store,
    clock,
    send: async (task) => {
      sent.push(task);
    },
  });
  return {
    scheduler,
    runDue: async (now) => {
      clock.advance(now - clock.now());
      await scheduler.tick();
      return sent.splice(0);
    },
  };
});

describeSchedulerContract("InMemoryScheduler (the test double)", async () => {
  const scheduler = new InMemoryScheduler();
  return { scheduler, runDue: async (now) => scheduler.due(now) };
});

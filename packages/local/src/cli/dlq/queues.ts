import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoJobKeys } from "@megawatts/storage/job-keys";
import type { DeadLetterPair } from "@megawatts/storage/sqs";
import { z } from "zod";
import { createLocalClients } from "../../clients.ts";
import { parseLocalConfig } from "../../config.ts";
import { readRunningStandIns } from "../../stand-ins/running-stand-ins.ts";

const queueUrl = (env: Record<string, string | undefined>, name: string) => {
  const raw = env[`SST_RESOURCE_${name}`];
  if (raw === undefined) throw new Error(`SST_RESOURCE_${name} is not set: is ${name} linked in this stage?`);
  return z.object({ url: z.string().min(1) }).parse(JSON.parse(raw)).url;
};

/**
 * The dead-letter queues to work on: the stage's, inside `sst shell` (which sets
 * `SST_RESOURCE_<Name>` for every resource), else the running local bot's; and the keys of
 * sealed job payloads, to tell which kept jobs were erased.
 *
 * @example
 * const { client, pairs, jobKeys, where } = await deadLetterQueues(process.env);
 */
export async function deadLetterQueues(env: Record<string, string | undefined>) {
  if (env.SST_RESOURCE_JobsDeadLetterQueue !== undefined) {
    const pairs: DeadLetterPair[] = [
      {
        name: "jobs",
        deadLetterUrl: queueUrl(env, "JobsDeadLetterQueue"),
        sourceUrl: queueUrl(env, "JobsQueue"),
      },
      {
        name: "tasks",
        deadLetterUrl: queueUrl(env, "TasksDeadLetterQueue"),
        sourceUrl: queueUrl(env, "TasksQueue"),
      },
      {
        name: "selfedit",
        deadLetterUrl: queueUrl(env, "SelfEditDeadLetterQueue"),
        sourceUrl: queueUrl(env, "SelfEditQueue"),
      },
    ];
    const client = new SQSClient({});
    const dynamodb = new DynamoDBClient({});
    const keyTable = z
      .object({ name: z.string().min(1) })
      .parse(JSON.parse(env.SST_RESOURCE_KeyTable ?? "{}"));
    return {
      client,
      pairs,
      jobKeys: new DynamoJobKeys(dynamodb, keyTable.name),
      where: "the stage's queues (sst shell)",
      close: () => {
        client.destroy();
        dynamodb.destroy();
      },
    };
  }
  const config = parseLocalConfig(env);
  const running = await readRunningStandIns(config.dataDir);
  if (!running)
    throw new Error(
      `no local bot runs on ${config.dataDir}: its SQS stand-in holds the dead letters, start it with npm run dev`,
    );
  const clients = createLocalClients(running.endpoints);
  const { resources } = running;
  const pairs: DeadLetterPair[] = [
    { name: "tasks", deadLetterUrl: resources.tasksDeadLetterQueue.url, sourceUrl: resources.tasksQueue.url },
    { name: "jobs", deadLetterUrl: resources.jobsDeadLetterQueue.url, sourceUrl: resources.jobsQueue.url },
    {
      name: "selfedit",
      deadLetterUrl: resources.selfEditDeadLetterQueue.url,
      sourceUrl: resources.selfEditQueue.url,
    },
  ];
  return {
    client: clients.sqs,
    pairs,
    jobKeys: new DynamoJobKeys(clients.dynamodb, resources.keyTableName),
    where: `the local bot's stand-ins (${config.dataDir})`,
    close: () => clients.destroy(),
  };
}

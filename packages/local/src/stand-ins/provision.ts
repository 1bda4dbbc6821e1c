import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import {
  JOB_RETRY_SCHEDULE,
  redriveThreshold,
  SELFEDIT_RETRY_SCHEDULE,
  TASK_RETRY_SCHEDULE,
} from "@megawatts/core";
import { createKeyTable } from "./key-table.ts";

/** Local names of the resources `stacks/` creates (same logical names, one prefix). */
export interface ResourceNames {
  table: string;
  /** Wrapped per-member data keys (no backups, see `stacks/storage.ts`). */
  keyTable: string;
  bucket: string;
  jobsQueue: string;
  jobsDeadLetterQueue: string;
  tasksQueue: string;
  tasksDeadLetterQueue: string;
  selfEditQueue: string;
  selfEditDeadLetterQueue: string;
}

export interface QueueRef {
  url: string;
  arn: string;
}

export interface Provisioned {
  tableName: string;
  keyTableName: string;
  bucketName: string;
  jobsQueue: QueueRef;
  jobsDeadLetterQueue: QueueRef;
  tasksQueue: QueueRef;
  tasksDeadLetterQueue: QueueRef;
  selfEditQueue: QueueRef;
  selfEditDeadLetterQueue: QueueRef;
}

// Mirrors stacks/queues.ts: visibility is six times the 60 s worker timeout, six times the
// tasks worker's 15 minutes, and six times the self-edit worker's 14 minutes on their queues.
const VISIBILITY_TIMEOUT = String(6 * 60);
const TASKS_VISIBILITY_TIMEOUT = String(6 * 15 * 60);
const SELFEDIT_VISIBILITY_TIMEOUT = String(6 * 14 * 60);
const DEAD_LETTER_RETENTION = String(14 * 24 * 60 * 60);

/**
 * The names of the local resources; a distinct prefix lets several local bots (tests) share
 * one set of stand-in servers without seeing each other's messages.
 *
 * @example
 * resourceNames("megawatts-local-").jobsQueue // "megawatts-local-JobsQueue"
 */
export function resourceNames(prefix = "megawatts-local-"): ResourceNames {
  return {
    table: `${prefix}Table`,
    keyTable: `${prefix}KeyTable`,
    bucket: `${prefix}bucket`.toLowerCase(),
    jobsQueue: `${prefix}JobsQueue`,
    jobsDeadLetterQueue: `${prefix}JobsDeadLetterQueue`,
    tasksQueue: `${prefix}TasksQueue`,
    tasksDeadLetterQueue: `${prefix}TasksDeadLetterQueue`,
    selfEditQueue: `${prefix}SelfEditQueue.fifo`,
    selfEditDeadLetterQueue: `${prefix}SelfEditDeadLetterQueue.fifo`,
  };
}

async function createTable(client: DynamoDBClient, name: string) {
  const string = (AttributeName: string) => ({ AttributeName, AttributeType: "S" as const });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [string("pk"), string("sk"), string("gsi1pk"), string("gsi1sk")],
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: "gsi1",
            KeySchema: [
              { AttributeName: "gsi1pk", KeyType: "HASH" },
              { AttributeName: "gsi1sk", KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
  } catch (error) {
    if (error instanceof ResourceInUseException) return; // kept from an earlier run
    throw error;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: name,
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    }),
  );
}

async function createQueue(client: SQSClient, name: string, attributes: Record<string, string>) {
  const fifo = name.endsWith(".fifo") ? { FifoQueue: "true", ContentBasedDeduplication: "false" } : {};
  const { QueueUrl: url } = await client.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: { VisibilityTimeout: VISIBILITY_TIMEOUT, ...fifo, ...attributes },
    }),
  );
  if (!url) throw new Error(`CreateQueue returned no URL for ${name}`);
  const { Attributes: found } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
  );
  if (!found?.QueueArn) throw new Error(`queue ${name} has no ARN`);
  return { url, arn: found.QueueArn };
}

function redrive(deadLetter: QueueRef, maxReceiveCount: number) {
  return { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount }) };
}

async function createBucket(client: S3Client, name: string) {
  try {
    await client.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    // s3rver answers BucketAlreadyExists where S3 says BucketAlreadyOwnedByYou.
    const name = (error as { name?: string }).name;
    if (name === "BucketAlreadyOwnedByYou" || name === "BucketAlreadyExists") return;
    throw error;
  }
}

/** Raised when a stand-in refuses to create a resource; the message names the stand-in. */
export class ProvisionError extends Error {
  override name = "ProvisionError";
}

function on<T>(standIn: string, what: string, creating: Promise<T>): Promise<T> {
  return creating.catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProvisionError(`${standIn} could not ${what}: ${reason}`, { cause: error });
  });
}

/**
 * Creates what `stacks/` deploys, on the local stand-ins, and tolerates what already exists:
 * the table (pk/sk, GSI `gsi1`, TTL on `expiresAt`, stream), the key table, the bucket, the jobs queue with
 * its dead-letter queue, the tasks pair and the FIFO self-edit pair (each queue moves a message
 * two receives beyond the worker's tries: the worker dead-letters it itself, with its reason).
 *
 * @example
 * const resources = await provisionLocalResources(clients, resourceNames());
 */
export async function provisionLocalResources(
  clients: { dynamodb: DynamoDBClient; sqs: SQSClient; s3: S3Client },
  names: ResourceNames,
): Promise<Provisioned> {
  const deadLetter = { MessageRetentionPeriod: DEAD_LETTER_RETENTION };
  const queue = (name: string, attributes: Record<string, string>) =>
    on("the SQS stand-in", `create queue ${name}`, createQueue(clients.sqs, name, attributes));
  const [, , , jobsDeadLetterQueue, tasksDeadLetterQueue, selfEditDeadLetterQueue] = await Promise.all([
    on("DynamoDB Local", `create table ${names.table}`, createTable(clients.dynamodb, names.table)),
    on("DynamoDB Local", `create table ${names.keyTable}`, createKeyTable(clients.dynamodb, names.keyTable)),
    on("the S3 stand-in", `create bucket ${names.bucket}`, createBucket(clients.s3, names.bucket)),
    queue(names.jobsDeadLetterQueue, deadLetter),
    queue(names.tasksDeadLetterQueue, deadLetter),
    queue(names.selfEditDeadLetterQueue, deadLetter),
  ]);
  const [jobsQueue, tasksQueue, selfEditQueue] = await Promise.all([
    queue(names.jobsQueue, redrive(jobsDeadLetterQueue, redriveThreshold(JOB_RETRY_SCHEDULE))),
    queue(names.tasksQueue, {
      ...redrive(tasksDeadLetterQueue, redriveThreshold(TASK_RETRY_SCHEDULE)),
      VisibilityTimeout: TASKS_VISIBILITY_TIMEOUT,
    }),
    queue(names.selfEditQueue, {
      ...redrive(selfEditDeadLetterQueue, redriveThreshold(SELFEDIT_RETRY_SCHEDULE)),
      VisibilityTimeout: SELFEDIT_VISIBILITY_TIMEOUT,
    }),
  ]);
  return {
    tableName: names.table,
    keyTableName: names.keyTable,
    bucketName: names.bucket,
    jobsQueue,
    jobsDeadLetterQueue,
    tasksQueue,
    tasksDeadLetterQueue,
    selfEditQueue,
    selfEditDeadLetterQueue,
  };
}

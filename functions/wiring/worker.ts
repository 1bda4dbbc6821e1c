import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createDataServices } from "@megawatts/core";
import { createDiscordRest, DEFAULT_DISCORD_API_URL, DiscordResponder } from "@megawatts/discord/rest";
import { composeWorker } from "@megawatts/lambda/compose-worker";
import { createLogger, createMetrics, toCoreLogger, toCoreMetrics } from "@megawatts/lambda/observability";
import { serviceHealthChecks } from "@megawatts/lambda/service-checks";
import {
  createIdempotencyStore,
  DynamoDocumentStore,
  dynamoTableHealthCheck,
} from "@megawatts/storage/dynamodb";
import { kmsKeyHealthCheck } from "@megawatts/storage/kms";
import { S3BlobStore, s3BucketHealthCheck } from "@megawatts/storage/s3";
import { sqsQueueHealthCheck, visibilityBackoff } from "@megawatts/storage/sqs";
import { Resource } from "sst/resource";

// Clients are built once per container and reused by every invocation.
const sqs = new SQSClient({});
const dynamodb = new DynamoDBClient({});
export const logger = toCoreLogger(createLogger("worker"));
export const metrics = createMetrics("worker");

/** An optional secret is set to "" when the deployment does without that service. */
const optional = (value: string) => (value.trim() === "" ? undefined : value);

const openAiKey = optional(Resource.OpenAiApiKey.value);
const pineconeKey = optional(Resource.PineconeApiKey.value);
const upstashUrl = optional(Resource.UpstashRedisRestUrl.value);

/** The data layer: class-checked documents, audit log, tenants, and what the tier job takes. */
export const data = createDataServices({
  store: new DynamoDocumentStore({ client: dynamodb, tableName: Resource.Table.name }),
  blobs: new S3BlobStore({ client: new S3Client({}), bucket: Resource.Bucket.name }),
  logger,
});

export const services = {
  healthChecks: [
    sqsQueueHealthCheck(sqs, "jobs queue", Resource.JobsQueue.url),
    sqsQueueHealthCheck(sqs, "jobs dead letters", Resource.JobsDeadLetterQueue.url),
    dynamoTableHealthCheck(dynamodb, Resource.Table.name),
    s3BucketHealthCheck(new S3Client({}), Resource.Bucket.name),
    kmsKeyHealthCheck(new KMSClient({}), Resource.DataKey.arn),
    ...serviceHealthChecks({
      discordApiUrl: DEFAULT_DISCORD_API_URL,
      upstash: upstashUrl ? { url: upstashUrl, token: Resource.UpstashRedisRestToken.value } : undefined,
      pinecone: pineconeKey ? { apiKey: pineconeKey, index: Resource.PineconeIndex.value } : undefined,
      openai: openAiKey ? { apiKey: openAiKey, baseUrl: "https://api.openai.com/v1" } : undefined,
    }),
  ],
};

export const workers = composeWorker({
  responder: new DiscordResponder(createDiscordRest({ token: Resource.DiscordBotToken.value }), { logger }),
  services,
  persistenceStore: createIdempotencyStore({ client: dynamodb, tableName: Resource.Table.name }),
  backoff: visibilityBackoff(sqs, Resource.JobsQueue.url),
  logger,
  metrics: toCoreMetrics(metrics),
  afterEach: () => metrics.publishStoredMetrics(),
});

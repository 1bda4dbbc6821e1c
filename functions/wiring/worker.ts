import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createKnowledgeServices } from "@megawatts/ai/knowledge";
import { createOpenAiChat, createOpenAiClient } from "@megawatts/ai/openai";
import type { WorkerServices } from "@megawatts/core";
import {
  createDiscordRest,
  DEFAULT_DISCORD_API_URL,
  DiscordChannelHistory,
  DiscordResponder,
} from "@megawatts/discord/rest";
import { createServerTools } from "@megawatts/discord/tools";
import { composeWorker } from "@megawatts/lambda/compose-worker";
import { createLogger, createMetrics, toCoreLogger, toCoreMetrics } from "@megawatts/lambda/observability";
import { serviceHealthChecks } from "@megawatts/lambda/service-checks";
import { createStorageServices } from "@megawatts/lambda/storage-services";
import { createIdempotencyStore } from "@megawatts/storage/dynamodb";
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

/** Data layer, envelope, subject keys and hot tier, on the linked table, bucket, key and Upstash. */
const storage = createStorageServices({
  dynamodb,
  s3: new S3Client({}),
  kms: new KMSClient({}),
  tableName: Resource.Table.name,
  bucketName: Resource.Bucket.name,
  keyTableName: Resource.KeyTable.name,
  keyArn: Resource.DataKey.arn,
  upstash: upstashUrl ? { url: upstashUrl, token: Resource.UpstashRedisRestToken.value } : undefined,
  logger,
});

const rest = createDiscordRest({ token: Resource.DiscordBotToken.value });
const pineconeIndex = optional(Resource.PineconeIndex.value);

/**
 * Knowledge: OpenAI embeddings and answers when its key is set (else hashed n-gram embeddings
 * and extractive answers); vectors in Pinecone when its key and index are set, else none —
 * a Lambda has no disk that outlives it, so the deployment runs keyword-only (the default
 * search mode anyway) and semantic search says it is not configured.
 */
const knowledge = createKnowledgeServices(storage, {
  ...(openAiKey ? { openai: { apiKey: openAiKey } } : {}),
  ...(pineconeKey && pineconeIndex ? { pinecone: { apiKey: pineconeKey, index: pineconeIndex } } : {}),
  history: new DiscordChannelHistory(rest),
  logger,
});

/** The data layer: class-checked documents, audit log, tenants, and what the tier job takes. */
export const data = storage.data;

/** The Discord tools for the admin commands, and OpenAI's tool calling for `/do` when its key is set. */
const serverTools = createServerTools({
  rest,
  audit: storage.data.audit,
  cache: storage.cache,
  ...(openAiKey ? { chat: createOpenAiChat({ client: createOpenAiClient({ apiKey: openAiKey }) }) } : {}),
});

export const services: WorkerServices = {
  ...storage,
  knowledge,
  serverTools,
  healthChecks: [
    sqsQueueHealthCheck(sqs, "jobs queue", Resource.JobsQueue.url),
    sqsQueueHealthCheck(sqs, "jobs dead letters", Resource.JobsDeadLetterQueue.url),
    ...storage.healthChecks,
    ...serviceHealthChecks({
      discordApiUrl: DEFAULT_DISCORD_API_URL,
      pinecone: pineconeKey ? { apiKey: pineconeKey, index: Resource.PineconeIndex.value } : undefined,
      openai: openAiKey ? { apiKey: openAiKey, baseUrl: "https://api.openai.com/v1" } : undefined,
    }),
  ],
};

export const workers = composeWorker({
  responder: new DiscordResponder(rest, { logger }),
  services,
  persistenceStore: createIdempotencyStore({ client: dynamodb, tableName: Resource.Table.name }),
  backoff: visibilityBackoff(sqs, Resource.JobsQueue.url),
  logger,
  metrics: toCoreMetrics(metrics),
  afterEach: () => metrics.publishStoredMetrics(),
});

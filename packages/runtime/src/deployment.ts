import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { KMSClient } from "@aws-sdk/client-kms";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SQSClient } from "@aws-sdk/client-sqs";

/**
 * Where a deployment's resources are: what `functions/` reads from SST's links, and what the
 * local runtime reads from its stand-ins and configuration. Everything the composition root
 * builds is derived from this and the SDK clients.
 */
export interface Deployment {
  /** The warm tier's table, the per-member key table, the cold bucket, the KMS key. */
  tableName: string;
  keyTableName: string;
  bucketName: string;
  keyArn: string;
  /** Deferred interaction work and scheduled tasks (long-running, on their own worker), as `/status` probes them. */
  queues: {
    jobs: string;
    jobsDeadLetters: string;
    tasks: string;
  };
  discord: {
    /** Discord REST base: `https://discord.com/api/v10`, the configured API or the local sink. */
    apiUrl: string;
    /** The bot token; absent, only interaction webhooks (which need none) can be used. */
    botToken?: string | undefined;
  };
  /** The hot tier's Upstash REST endpoint; absent, an in-process cache stands in for it. */
  upstash?: { url: string; token: string } | undefined;
  /** OpenAI or any compatible server: embeddings and answers. Absent: hashed embeddings, extractive answers. */
  openai?: OpenAiSettings | undefined;
  /** Pinecone; absent, the local vector index under `vectorDir`, else keyword search only. */
  pinecone?: { apiKey: string; index: string; host?: string | undefined } | undefined;
  /** The local runtime's directory for vectors; Lambda has no disk that outlives it. */
  vectorDir?: string | undefined;
}

export interface OpenAiSettings {
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  embeddingModel?: string | undefined;
  chatModel?: string | undefined;
}

/** The SDK clients a runtime built for its endpoints (Lambda's defaults, or the stand-ins'). */
export interface SdkClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  kms: KMSClient;
  sqs: SQSClient;
}

/**
 * An optional setting read from a secret or a variable: SST secrets hold "" when a deployment
 * does without a service.
 *
 * @example
 * optional(Resource.PineconeApiKey.value) // undefined when the secret is ""
 */
export function optional(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/**
 * Options for the SDK clients of SQS, KMS and EventBridge Scheduler. `cacheMiddleware` resolves
 * a client's middleware stack once per command type instead of on every call (SQS `SendMessage`
 * to the local stand-in took about 40 % less CPU per call in a warm process), so each client's middleware
 * (tracing included) must be added before its first call, as the composition roots do. The
 * resolved stack shares one context between calls of a type, which holds only when a call's
 * endpoint does not depend on its input (S3's depends on the bucket); DynamoDB's document
 * client refuses the option. Both keep the default.
 *
 * @example
 * const sqs = tracing.instrument(new SQSClient(SDK_CLIENT_DEFAULTS));
 */
export const SDK_CLIENT_DEFAULTS = { cacheMiddleware: true } as const;

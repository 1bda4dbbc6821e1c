/**
 * What `npm run cost` assumes each billed unit costs: list prices in US dollars for us-east-1,
 * on-demand, no free tier, as published on the date below. Update the date with the figures.
 */
export const PRICES = {
  date: "2026-12-01",
  region: "us-east-1",
  /** Lambda on arm64: per GB-second of duration (rounded up to 1 ms) and per request. */
  lambda: { perGbSecond: 0.0000133334, perRequest: 0.2 / 1e6 },
  /** API Gateway HTTP API, first 300 million requests a month. */
  apiGateway: { perRequest: 1.0 / 1e6 },
  /** SQS standard queue requests (each up to 64 KB). */
  sqs: { perRequest: 0.4 / 1e6 },
  /** DynamoDB on-demand: per read and write request unit. */
  dynamodb: { perReadUnit: 0.125 / 1e6, perWriteUnit: 0.625 / 1e6 },
  /** KMS symmetric key requests (the key's monthly fee is not per interaction). */
  kms: { perRequest: 0.03 / 1e4 },
  /** S3 Standard-IA: class A (PUT, COPY, POST, LIST) and class B (GET and the rest). */
  s3: { perClassA: 0.01 / 1e3, perClassB: 0.001 / 1e3 },
  /** Upstash Redis pay as you go: per command. */
  upstash: { perCommand: 0.2 / 1e5 },
  /**
   * OpenAI standard tier, per token of the models the bot uses by default (embeddings bill input
   * only). Tokens are those the API reports in each response's `usage`.
   */
  openai: {
    embedding: { model: "text-embedding-3-small", perInputToken: 0.02 / 1e6 },
    chat: { model: "gpt-4o-mini", perInputToken: 0.15 / 1e6, perOutputToken: 0.6 / 1e6 },
  },
  /**
   * Pinecone serverless, Standard plan on AWS us-east-1: per read unit and per write unit. Units
   * follow Pinecone's "Understanding cost" rules for serverless indexes: a query uses 1 RU per GB
   * of the namespace, at least 0.25 (a guild's namespace is taken to be under 1 GB, so 0.25); a
   * list page 1 RU; an upsert 1 WU per KB of records written (4 bytes a dimension, id and
   * metadata), at least 5; a delete request at least 5 WUs, which is what deleting a few small
   * records costs (the deleted records' size is not in the request).
   */
  pinecone: { perReadUnit: 16 / 1e6, perWriteUnit: 4 / 1e6 },
} as const;

/** Pinecone's serverless unit rules (see `PRICES.pinecone`). */
export const PINECONE_UNITS = {
  queryReadUnits: 0.25,
  listReadUnits: 1,
  minimumWriteUnits: 5,
  bytesPerWriteUnit: 1024,
} as const;

/** The memory each function is configured with in `stacks/` (api.ts, queues.ts), in GB. */
export const FUNCTION_MEMORY_GB = { ingress: 0.25, worker: 1, selfedit: 2 } as const;

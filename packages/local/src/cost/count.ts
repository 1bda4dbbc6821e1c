import type { RecordedSpan } from "../observability/traces.ts";
import { FUNCTION_MEMORY_GB, PINECONE_UNITS, PRICES } from "./prices.ts";

/** What one interaction used, by billed unit. */
export interface Usage {
  lambdaRequests: number;
  lambdaGbSeconds: number;
  apiRequests: number;
  sqsRequests: number;
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
  kmsRequests: number;
  s3ClassA: number;
  s3ClassB: number;
  upstashCommands: number;
  pineconeReadUnits: number;
  pineconeWriteUnits: number;
  embeddingTokens: number;
  chatInputTokens: number;
  chatOutputTokens: number;
}

const S3_CLASS_A = new Set(["PutObject", "CopyObject", "ListObjectsV2", "DeleteObjects", "RestoreObject"]);
const DYNAMO_WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

/** Where the services a trace's `fetch` spans went, to tell them apart on this machine. */
export interface Hosts {
  /** The Upstash REST endpoint (the local bridge, or a real database). */
  upstash?: string | undefined;
}

function zero(): Usage {
  return {
    lambdaRequests: 0,
    lambdaGbSeconds: 0,
    apiRequests: 0,
    sqsRequests: 0,
    dynamoReadUnits: 0,
    dynamoWriteUnits: 0,
    kmsRequests: 0,
    s3ClassA: 0,
    s3ClassB: 0,
    upstashCommands: 0,
    pineconeReadUnits: 0,
    pineconeWriteUnits: 0,
    embeddingTokens: 0,
    chatInputTokens: 0,
    chatOutputTokens: 0,
  };
}

const billedSeconds = (ms: number) => Math.ceil(ms) / 1000;

/**
 * Counts what one interaction's trace used: a Lambda request and its GB-seconds per function
 * span (ingress at 256 MB, a job at the worker's memory), an API Gateway request per ingress,
 * SQS requests (each send, and the event source's receive and delete per job), DynamoDB units
 * as the SDK reported them (one unit per call when it did not), KMS calls, S3 requests by class,
 * Upstash commands, the OpenAI tokens each response reported and the Pinecone read and write
 * units each request's shape costs (the spans' `openai.usage` and `pinecone.request` events).
 *
 * @example
 * countUsage(recorder.spans(root), { upstash: "127.0.0.1:4100" });
 */
export function countUsage(spans: readonly RecordedSpan[], hosts: Hosts = {}): Usage {
  const usage = zero();
  for (const span of spans) {
    const [service = "", operation = ""] = span.name.split(" ");
    if (span.name === "ingress POST /interactions") {
      usage.lambdaRequests += 1;
      usage.apiRequests += 1;
      usage.lambdaGbSeconds += billedSeconds(span.durationMs) * FUNCTION_MEMORY_GB.ingress;
    } else if (service === "job" || service === "task") {
      const memory = operation.startsWith("selfedit.")
        ? FUNCTION_MEMORY_GB.selfedit
        : FUNCTION_MEMORY_GB.worker;
      usage.lambdaRequests += 1;
      usage.lambdaGbSeconds += billedSeconds(span.durationMs) * memory;
      // Lambda's event source receives the message and deletes it once handled.
      usage.sqsRequests += 2;
    } else if (service === "SQS") usage.sqsRequests += 1;
    else if (service === "DynamoDB") {
      const write = DYNAMO_WRITES.test(operation);
      const units = Number(span.attributes["aws.dynamodb.capacity_units"] ?? 1);
      if (write) usage.dynamoWriteUnits += units;
      else usage.dynamoReadUnits += units;
    } else if (service === "KMS") usage.kmsRequests += 1;
    else if (service === "S3") {
      if (S3_CLASS_A.has(operation)) usage.s3ClassA += 1;
      else usage.s3ClassB += 1;
    } else if (hosts.upstash && operation === hosts.upstash) usage.upstashCommands += 1;
    for (const event of span.events ?? []) countEvent(usage, event);
  }
  return usage;
}

/** An OpenAI response's tokens, or a Pinecone request's units by the rules in `PRICES.pinecone`. */
function countEvent(usage: Usage, { name, attributes }: NonNullable<RecordedSpan["events"]>[number]) {
  if (name === "openai.usage") {
    const model = String(attributes.model);
    const input = Number(attributes.inputTokens ?? 0);
    if (model === PRICES.openai.embedding.model) usage.embeddingTokens += input;
    else if (model === PRICES.openai.chat.model) {
      usage.chatInputTokens += input;
      usage.chatOutputTokens += Number(attributes.outputTokens ?? 0);
    } else throw new Error(`packages/local/src/cost/prices.ts has no price for the OpenAI model ${model}`);
  } else if (name === "pinecone.request") {
    const operation = String(attributes.operation);
    if (operation === "query") usage.pineconeReadUnits += PINECONE_UNITS.queryReadUnits;
    else if (operation === "list") usage.pineconeReadUnits += PINECONE_UNITS.listReadUnits;
    else if (operation === "upsert" || operation === "delete") {
      const units = Math.ceil(Number(attributes.recordBytes ?? 0) / PINECONE_UNITS.bytesPerWriteUnit);
      usage.pineconeWriteUnits += Math.max(PINECONE_UNITS.minimumWriteUnits, units);
    } else throw new Error(`no Pinecone unit rule for ${operation} requests`);
  }
}

/** Dollars for one interaction's usage at `PRICES`. */
export function priceUsage(usage: Usage): number {
  return (
    usage.lambdaRequests * PRICES.lambda.perRequest +
    usage.lambdaGbSeconds * PRICES.lambda.perGbSecond +
    usage.apiRequests * PRICES.apiGateway.perRequest +
    usage.sqsRequests * PRICES.sqs.perRequest +
    usage.dynamoReadUnits * PRICES.dynamodb.perReadUnit +
    usage.dynamoWriteUnits * PRICES.dynamodb.perWriteUnit +
    usage.kmsRequests * PRICES.kms.perRequest +
    usage.s3ClassA * PRICES.s3.perClassA +
    usage.s3ClassB * PRICES.s3.perClassB +
    usage.upstashCommands * PRICES.upstash.perCommand +
    usage.pineconeReadUnits * PRICES.pinecone.perReadUnit +
    usage.pineconeWriteUnits * PRICES.pinecone.perWriteUnit +
    usage.embeddingTokens * PRICES.openai.embedding.perInputToken +
    usage.chatInputTokens * PRICES.openai.chat.perInputToken +
    usage.chatOutputTokens * PRICES.openai.chat.perOutputToken
  );
}

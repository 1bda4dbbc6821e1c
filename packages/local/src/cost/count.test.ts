import { describe, expect, it } from "vitest";
import type { RecordedSpan } from "../observability/traces.ts";
import { countUsage, priceUsage } from "./count.ts";

let next = 0;
const span = (
  name: string,
  durationMs = 1,
  attributes: RecordedSpan["attributes"] = {},
  events: RecordedSpan["events"] = [],
): RecordedSpan => {
  next += 1;
  return { name, spanId: String(next), start: next, durationMs, attributes, events };
};
const embedded = (inputTokens: number) => ({
  name: "openai.usage",
  attributes: { model: "text-embedding-3-small", inputTokens, outputTokens: 0 },
});
const pinecone = (operation: string, recordBytes = 0) => ({
  name: "pinecone.request",
  attributes: { operation, records: 1, recordBytes },
});

// A deferred Remember, as its trace reads: the ingress, the send, the job and its calls.
const remember = [
  span("ingress POST /interactions", 12.2),
  span("DynamoDB GetItem", 3, { "aws.dynamodb.capacity_units": 0.5 }),
  span("SQS SendMessage"),
  // One embeddings call of 14 tokens, then one upsert of 6,200 bytes of records and one of 300.
  span("job memory.remember", 250.4, {}, [embedded(14), pinecone("upsert", 6_200), pinecone("upsert", 300)]),
  span("DynamoDB PutItem", 4, { "aws.dynamodb.capacity_units": 1 }),
  span("DynamoDB PutItem", 4, { "aws.dynamodb.capacity_units": 2 }),
  span("DynamoDB Query", 4, { "aws.dynamodb.capacity_units": 0.5 }),
  span("DynamoDB UpdateItem", 4),
  span("KMS GenerateDataKey"),
  span("S3 PutObject"),
  span("S3 GetObject"),
  span("POST 127.0.0.1:4100"),
  span("POST 127.0.0.1:4100"),
  span("PATCH 127.0.0.1:4000"),
];

describe("countUsage", () => {
  it("counts a small workload as counted by hand", () => {
    const usage = countUsage(remember, { upstash: "127.0.0.1:4100" });

    expect(usage).toEqual({
      lambdaRequests: 2,
      // 13 ms at 0.25 GB + 251 ms at 1 GB, billed per started millisecond.
      lambdaGbSeconds: 0.013 * 0.25 + 0.251 * 1,
      apiRequests: 1,
      // the send, then the event source's receive and delete.
      sqsRequests: 3,
      dynamoReadUnits: 1,
      // 1 + 2 as reported, and 1 for the update that reported nothing.
      dynamoWriteUnits: 4,
      kmsRequests: 1,
      s3ClassA: 1,
      s3ClassB: 1,
      upstashCommands: 2,
      pineconeReadUnits: 0,
      // ⌈6,200 / 1,024⌉ = 7 units, and the 5-unit minimum for the 300 bytes.
      pineconeWriteUnits: 12,
      embeddingTokens: 14,
      chatInputTokens: 0,
      chatOutputTokens: 0,
    });
  });

  it("counts an /ask: its embedding, query and answer, and a list and a delete", () => {
    const ask = [
      span("ingress POST /interactions", 2),
      span("job knowledge.ask", 999, {}, [
        embedded(7),
        pinecone("query"),
        pinecone("list"),
        pinecone("delete"),
        { name: "openai.usage", attributes: { model: "gpt-4o-mini", inputTokens: 412, outputTokens: 38 } },
      ]),
    ];

    const usage = countUsage(ask);

    expect(usage).toMatchObject({
      // 0.25 for the query, 1 for the list page; the delete's 5-unit minimum.
      pineconeReadUnits: 1.25,
      pineconeWriteUnits: 5,
      embeddingTokens: 7,
      chatInputTokens: 412,
      chatOutputTokens: 38,
    });
    const byHand =
      2 * 0.0000002 +
      (0.002 * 0.25 + 0.999) * 0.0000133334 +
      1 * 0.000001 +
      2 * 0.0000004 +
      1.25 * 0.000016 +
      5 * 0.000004 +
      7 * 0.00000002 +
      412 * 0.00000015 +
      38 * 0.0000006;
    expect(priceUsage(usage)).toBeCloseTo(byHand, 12);
  });

  it("refuses a model the price table does not list, rather than pricing it at nothing", () => {
    const spans = [
      span("job knowledge.ask", 1, {}, [
        { name: "openai.usage", attributes: { model: "gpt-9", inputTokens: 1, outputTokens: 1 } },
      ]),
    ];

    expect(() => countUsage(spans)).toThrow(/no price for the OpenAI model gpt-9/);
  });

  it("prices it at the table's rates", () => {
    const dollars = priceUsage(countUsage(remember, { upstash: "127.0.0.1:4100" }));

    const byHand =
      2 * 0.0000002 +
      (0.013 * 0.25 + 0.251) * 0.0000133334 +
      1 * 0.000001 +
      3 * 0.0000004 +
      1 * 0.000000125 +
      4 * 0.000000625 +
      1 * 0.000003 +
      1 * 0.00001 +
      1 * 0.000001 +
      2 * 0.000002 +
      12 * 0.000004 +
      14 * 0.00000002;
    expect(dollars).toBeCloseTo(byHand, 12);
  });
});

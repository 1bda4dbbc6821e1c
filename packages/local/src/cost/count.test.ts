import { describe, expect, it } from "vitest";
import type { RecordedSpan } from "../observability/traces.ts";
import { countUsage, priceUsage } from "./count.ts";

let next = 0;
const span = (name: string, durationMs = 1, attributes: RecordedSpan["attributes"] = {}): RecordedSpan => {
  next += 1;
  return { name, spanId: String(next), start: next, durationMs, attributes };
};

// A deferred Remember, as its trace reads: the ingress, the send, the job and its calls.
const remember = [
  span("ingress POST /interactions", 12.2),
  span("DynamoDB GetItem", 3, { "aws.dynamodb.capacity_units": 0.5 }),
  span("SQS SendMessage"),
  span("job memory.remember", 250.4),
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
      pineconeRequests: 0,
      openaiRequests: 0,
    });
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
      2 * 0.000002;
    expect(dollars).toBeCloseTo(byHand, 12);
  });
});

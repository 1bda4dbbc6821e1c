import { describe, expect, it } from "vitest";
import { lambdaContext, toSqsRecord } from "./sqs-event.ts";

describe("toSqsRecord", () => {
  it("shapes a received message like Lambda's event source mapping does", () => {
    const record = toSqsRecord(
      {
        MessageId: "m-1",
        ReceiptHandle: "r-1",
        Body: "{}",
        MD5OfBody: "99914b932bd37a50b983c5e7c90ae93b",
        Attributes: { ApproximateReceiveCount: "3", SentTimestamp: "1700000000000" },
        MessageAttributes: {
          kind: { DataType: "String", StringValue: "system.status" },
          blob: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2, 3]) },
        },
      },
      "arn:aws:sqs:us-east-1:000000000000:jobs",
      "us-east-1",
    );

    expect(record).toMatchObject({
      messageId: "m-1",
      receiptHandle: "r-1",
      body: "{}",
      attributes: { ApproximateReceiveCount: "3", SentTimestamp: "1700000000000" },
      messageAttributes: {
        kind: {
          stringValue: "system.status",
          stringListValues: [],
          binaryListValues: [],
          dataType: "String",
        },
        blob: { binaryValue: "AQID", dataType: "Binary" },
      },
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:jobs",
      awsRegion: "us-east-1",
    });
  });
});

describe("lambdaContext", () => {
  it("counts the remaining time down from the timeout", () => {
    const context = lambdaContext("jobs", 60_000);

    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(60_000);
    expect(context.invokedFunctionArn).toBe("arn:aws:lambda:us-east-1:000000000000:function:jobs");
  });
});

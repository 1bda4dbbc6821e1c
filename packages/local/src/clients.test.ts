import { ListQueuesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { createLocalClients } from "./clients.ts";

const endpoints = {
  dynamodb: "http://127.0.0.1:1",
  sqs: "http://127.0.0.1:1",
  s3: "http://127.0.0.1:1",
  kms: { endpoint: "http://127.0.0.1:1", keyArn: "arn:aws:kms:us-east-1:000000000000:key/local" },
};

describe("createLocalClients", () => {
  it("resolves the middleware of SQS and KMS once per command type, and leaves DynamoDB and S3 as they are", () => {
    const clients = createLocalClients(endpoints);
    try {
      expect(clients.sqs.config.cacheMiddleware).toBe(true);
      expect(clients.kms.config.cacheMiddleware).toBe(true);
      expect(clients.dynamodb.config.cacheMiddleware).not.toBe(true);
      expect(clients.s3.config.cacheMiddleware).not.toBe(true);
    } finally {
      clients.destroy();
    }
  });

  it("runs middleware added before the first call on every call of a cached client", async () => {
    const clients = createLocalClients(endpoints);
    const seen: string[] = [];
    clients.sqs.middlewareStack.add(
      (_next, context) => async () => {
        seen.push(String(context.commandName));
        // Answer here, so nothing is sent.
        return { output: { QueueUrls: [], $metadata: {} }, response: {} };
      },
      { step: "initialize", name: "recordCalls" },
    );
    try {
      await clients.sqs.send(new ListQueuesCommand({}));
      await clients.sqs.send(new ListQueuesCommand({}));
      expect(seen).toEqual(["ListQueuesCommand", "ListQueuesCommand"]);
    } finally {
      clients.destroy();
    }
  });
});

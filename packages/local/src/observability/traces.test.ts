import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { createTraceRecorder } from "./traces.ts";

/** An SQS client that answers every call itself, so nothing is sent. */
function answeringClient() {
  const client = new SQSClient({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  client.middlewareStack.add(() => async () => ({ output: { QueueUrls: [], $metadata: {} }, response: {} }), {
    step: "build",
    name: "answerHere",
  });
  return client;
}

const rootOf = (header: string | undefined) => /Root=([0-9a-f-]+)/.exec(header ?? "")?.[1] ?? "";

describe("createTraceRecorder", () => {
  it("gives an SDK call made inside a span a span of its own in that trace", async () => {
    const recorder = createTraceRecorder();
    const client = recorder.instrument(answeringClient());
    try {
      const root = await recorder.span("ingress", async () => {
        await client.send(new ListQueuesCommand({}));
        return rootOf(recorder.header());
      });
      expect(recorder.spans(root).map((span) => span.name)).toEqual(["ingress", "SQS ListQueues"]);
    } finally {
      recorder.close();
      client.destroy();
    }
  });

  it("starts no trace for an SDK call made outside any span, as a queue runner's polls are", async () => {
    const recorder = createTraceRecorder({ maxTraces: 1 });
    const client = recorder.instrument(answeringClient());
    try {
      const root = await recorder.span("ingress", async () => rootOf(recorder.header()));
      await client.send(new ListQueuesCommand({}));
      // A trace of its own would have pushed the only trace kept out of the store.
      expect(recorder.spans(root).map((span) => span.name)).toEqual(["ingress"]);
    } finally {
      recorder.close();
      client.destroy();
    }
  });
});

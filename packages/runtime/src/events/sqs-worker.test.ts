import { type Job, PermanentError, silentLogger, type Work } from "@megawatts/core";
import { RecordingLogger } from "@megawatts/testing/fakes";
import { MemoryIdempotencyStore } from "@megawatts/testing/idempotency-store";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { createJobsHandler, type DeadLetterNote } from "./sqs-worker.ts";

const context = {
  functionName: "jobs",
  awsRequestId: "request-1",
  getRemainingTimeInMillis: () => 60_000,
} as Context;

function job(id = "1300000000000000001", kind = "memory.remember"): Job {
  return {
    v: 1,
    id,
    kind,
    interaction: {
      id,
      applicationId: "1200000000000000000",
      token: "token-1",
      guildId: "1100000000000000000",
      channelId: "1000000000000000000",
      userId: "900000000000000000",
      createdAt: Date.now(),
    },
    payload: null,
    correlationId: id,
    enqueuedAt: Date.now(),
  };
}

function record(body: string, receiveCount = 1, messageId = "m-1"): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: "0",
      SenderId: "sender",
      ApproximateFirstReceiveTimestamp: "0",
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:jobs",
    awsRegion: "us-east-1",
  };
}

const event = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), { code: "ECONNREFUSED" });

function setup(process: (work: Work) => Promise<unknown>, maxAttempts = 3) {
  const deadLetters: { messageId: string; note: DeadLetterNote }[] = [];
  const backoffs: { receiptHandle: string; attempt: number }[] = [];
  const reports: { jobId: string; note: DeadLetterNote }[] = [];
  const logger = new RecordingLogger();
  const store = new MemoryIdempotencyStore();
  const handler = createJobsHandler({
    process,
    logger,
    persistenceStore: store,
    maxAttempts,
    unclaimed: new Set(["system.status"]),
    backoff: async (failed, attempt) => {
      backoffs.push({ receiptHandle: failed.receiptHandle, attempt });
    },
    deadLetter: async (failed, note) => {
      deadLetters.push({ messageId: failed.messageId, note });
    },
    report: async (failedJob, note) => {
      reports.push({ jobId: failedJob.id, note });
    },
  });
  return { handler, deadLetters, backoffs, reports, logger, store };
}

describe("createJobsHandler", () => {
  it("dead-letters a body that is not JSON at once, with the reason, and acknowledges it", async () => {
    const { handler, deadLetters, backoffs } = setup(async () => {});

    const response = await handler(event(record("{not json")), context);

    expect(response.batchItemFailures).toEqual([]);
    expect(backoffs).toEqual([]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.note.reason).toMatch(/^malformed job: SyntaxError/);
  });

  it("dead-letters a job that fails its schema, naming the bad field", async () => {
    const { handler, deadLetters } = setup(async () => {});
    const bad = { ...job(), kind: "Not A Kind" };

    await handler(event(record(JSON.stringify(bad))), context);

    expect(deadLetters[0]?.note.reason).toMatch(/malformed job: ZodError.*kind/s);
  });

  it("backs off a transient failure with the try number and reports only that record", async () => {
    const { handler, backoffs, deadLetters } = setup(async (current) => {
      if (current.id === "1300000000000000002") throw refused();
    });

    const response = await handler(
      event(
        record(JSON.stringify(job("1300000000000000001")), 1, "ok"),
        record(JSON.stringify(job("1300000000000000002")), 2, "failing"),
      ),
      context,
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "failing" }]);
    expect(backoffs).toEqual([{ receiptHandle: "receipt-failing", attempt: 2 }]);
    expect(deadLetters).toEqual([]);
  });

  it("reports each batch's own failures when it handles two batches at once", async () => {
    let secondBatchStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      secondBatchStarted = resolve;
    });
    const { handler } = setup(async (current) => {
      if (current.id === "1300000000000000002") throw refused();
      // The first batch's other job runs on until the second batch has begun.
      if (current.id === "1300000000000000003") await started;
      if (current.id === "1300000000000000004") secondBatchStarted();
    });

    const [first, second] = await Promise.all([
      handler(
        event(
          record(JSON.stringify(job("1300000000000000002")), 1, "failing"),
          record(JSON.stringify(job("1300000000000000003")), 1, "slow"),
        ),
        context,
      ),
      handler(event(record(JSON.stringify(job("1300000000000000004")), 1, "other")), context),
    ]);

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: "failing" }]);
    expect(second.batchItemFailures).toEqual([]);
  });

  it("keeps a job in the dead-letter queue with its reason after its last try, and tells the user", async () => {
    const { handler, deadLetters, reports, backoffs } = setup(async () => {
      throw refused();
    }, 3);

    const response = await handler(event(record(JSON.stringify(job()), 3)), context);

    expect(response.batchItemFailures).toEqual([]);
    expect(backoffs).toEqual([]);
    expect(deadLetters).toEqual([
      {
        messageId: "m-1",
        note: { reason: "gave up after 3 tries: Error: connect ECONNREFUSED 127.0.0.1:8000", attempts: 3 },
      },
    ]);
    expect(reports.map((report) => report.jobId)).toEqual([job().id]);
  });

  it("leaves the record to the queue when keeping it in the dead-letter queue fails", async () => {
    const handler = createJobsHandler({
      process: async () => {
        throw refused();
      },
      logger: silentLogger,
      persistenceStore: new MemoryIdempotencyStore(),
      maxAttempts: 1,
      deadLetter: async () => {
        throw refused();
      },
    });

    const response = await handler(event(record(JSON.stringify(job()))), context);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: "m-1" }]);
  });

  it("dead-letters a permanent failure without retrying it", async () => {
    const { handler, deadLetters, backoffs } = setup(async () => {
      throw new PermanentError("bad cursor");
    });

    const response = await handler(event(record(JSON.stringify(job()), 1)), context);

    expect(response.batchItemFailures).toEqual([]);
    expect(backoffs).toEqual([]);
    expect(deadLetters[0]?.note.reason).toBe("permanent failure: PermanentError: bad cursor");
  });

  it("drops a duplicate of a job whose run is still in progress instead of failing it", async () => {
    let release: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      release = resolve;
    });
    let runs = 0;
    const { handler, deadLetters, backoffs, logger } = setup(async () => {
      runs += 1;
      await running;
    });
    const body = JSON.stringify(job());

    const first = handler(event(record(body, 1, "first")), context);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const duplicate = await handler(event(record(body, 1, "duplicate")), context);
    release();
    await first;

    expect(runs).toBe(1);
    expect(duplicate.batchItemFailures).toEqual([]);
    expect(deadLetters).toEqual([]);
    expect(backoffs).toEqual([]);
    expect(logger.lines.map((line) => line.message)).toContain("job.duplicate-dropped");
  });

  it("never overwrites the reply of a run that completed when a late copy exhausts its tries", async () => {
    let calls = 0;
    const { handler, deadLetters, reports, store } = setup(async () => {
      calls += 1;
    }, 1);
    await handler(event(record(JSON.stringify(job()), 1, "first")), context);
    // The late copy's claim fails (a table blip) on its last try; the record still says done.
    store.failingClaims = refused();
    const late = await handler(event(record(JSON.stringify(job()), 1, "late")), context);

    expect(calls).toBe(1);
    expect(late.batchItemFailures).toEqual([]);
    expect(deadLetters).toEqual([]);
    expect(reports).toEqual([]);
  });

  it("runs a read-only job without a claim, so it still answers while the table is down", async () => {
    let runs = 0;
    const { handler, store } = setup(async () => {
      runs += 1;
    });
    store.failing = refused();
    const body = JSON.stringify(job("1300000000000000003", "system.status"));

    const response = await handler(event(record(body)), context);
    store.failing = undefined;
    await handler(event(record(body, 2, "again")), context);

    expect(response.batchItemFailures).toEqual([]);
    expect(runs).toBe(2);
    expect(store.records.size).toBe(0);
  });
});

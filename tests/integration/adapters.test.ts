import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import {
  type LocalClients,
  lambdaContext,
  type Provisioned,
  provisionLocalResources,
  resourceNames,
} from "@megawatts/local";
import { createIdempotencyStore, dynamoTableHealthCheck } from "@megawatts/storage/dynamodb";
import { s3BucketHealthCheck } from "@megawatts/storage/s3";
import { sqsQueueHealthCheck } from "@megawatts/storage/sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInClients, uniquePrefix } from "./helpers.ts";

let clients: LocalClients;
let resources: Provisioned;
const signal = () => AbortSignal.timeout(10_000);

beforeAll(async () => {
  clients = standInClients();
  resources = await provisionLocalResources(clients, resourceNames(uniquePrefix("adapters")));
});

afterAll(() => clients.destroy());

describe("health checks against the local servers", () => {
  it("reports a queue's depth", async () => {
    const check = sqsQueueHealthCheck(clients.sqs, "jobs queue", resources.jobsQueue.url);
    await expect(check.check(signal())).resolves.toEqual({ detail: "0 waiting, 0 in flight" });
  });

  it("fails for a queue that does not exist", async () => {
    const missing = resources.jobsQueue.url.replace(/JobsQueue$/, "MissingQueue");
    const check = sqsQueueHealthCheck(clients.sqs, "missing", missing);
    await expect(check.check(signal())).rejects.toThrow();
  });

  it("stops probing a queue once the signal aborts", async () => {
    const check = sqsQueueHealthCheck(clients.sqs, "jobs queue", resources.jobsQueue.url);
    await expect(check.check(AbortSignal.abort())).rejects.toThrow();
  });

  it("reports the table as active", async () => {
    const check = dynamoTableHealthCheck(clients.dynamodb, resources.tableName);
    const result = await check.check(signal());
    expect(result?.detail).toMatch(/^ACTIVE, ~\d+ items$/);
  });

  it("fails for a table that does not exist", async () => {
    const check = dynamoTableHealthCheck(clients.dynamodb, "no-such-table");
    await expect(check.check(signal())).rejects.toThrow();
  });

  it("finds the bucket", async () => {
    const check = s3BucketHealthCheck(clients.s3, resources.bucketName);
    const result = await check.check(signal());
    expect(result?.configured).not.toBe(false);
  });

  it("fails for a bucket that does not exist", async () => {
    const check = s3BucketHealthCheck(clients.s3, "no-such-bucket");
    await expect(check.check(signal())).rejects.toThrow();
  });
});

/** The same key and lifetime the jobs handler uses, inside a Lambda-like invocation. */
function jobIdConfig() {
  const config = new IdempotencyConfig({ eventKeyJmesPath: "id", expiresAfterSeconds: 60 });
  config.registerLambdaContext(lambdaContext("idempotency-test", 60_000));
  return config;
}

describe("idempotency store", () => {
  it("runs a job once however often the same id arrives", async () => {
    const persistenceStore = createIdempotencyStore({
      client: clients.dynamodb,
      tableName: resources.tableName,
    });
    let runs = 0;
    const once = makeIdempotent(
      async (job: { id: string }) => {
        runs += 1;
        return { ran: job.id };
      },
      { persistenceStore, config: jobIdConfig() },
    );
    const job = { id: "1200000000000000001" };

    const first = await once(job);
    const second = await once(job);

    expect(runs).toBe(1);
    expect(second).toEqual(first);
  });

  it("runs jobs with different ids separately", async () => {
    const persistenceStore = createIdempotencyStore({
      client: clients.dynamodb,
      tableName: resources.tableName,
    });
    let runs = 0;
    const once = makeIdempotent(
      async (_job: { id: string }) => {
        runs += 1;
      },
      { persistenceStore, config: jobIdConfig() },
    );

    await once({ id: "1200000000000000002" });
    await once({ id: "1200000000000000003" });

    expect(runs).toBe(2);
  });
});

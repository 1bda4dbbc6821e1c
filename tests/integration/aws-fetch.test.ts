import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { itemKeys, type Job } from "@megawatts/core";
import {
  LOCAL_REGION,
  type LocalClients,
  type Provisioned,
  provisionLocalResources,
  resourceNames,
  type StandInEndpoints,
} from "@megawatts/local";
import { AwsApiError, signingClient } from "@megawatts/storage/aws-fetch";
import { FetchJobKeyWriter } from "@megawatts/storage/fetch-job-keys";
import { FetchJobQueue } from "@megawatts/storage/fetch-job-queue";
import { FetchPluginStateReader } from "@megawatts/storage/fetch-plugin-states";
import { DynamoJobKeys } from "@megawatts/storage/job-keys";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { receiveAll, standInClients, uniquePrefix } from "./helpers.ts";

// The ingress's signed-fetch adapters against the same local servers the SDK clients use.
const credentials = { accessKeyId: "local", secretAccessKey: "local" };
let endpoints: StandInEndpoints;
let clients: LocalClients;
let resources: Provisioned;

beforeAll(async () => {
  endpoints = inject("standIns");
  clients = standInClients();
  resources = await provisionLocalResources(clients, resourceNames(uniquePrefix("aws-fetch")));
});

afterAll(() => clients.destroy());

function job(id: string, guildId: string): Job {
  return {
    v: 1,
    id,
    kind: "system.status",
    interaction: {
      id,
      applicationId: "1200000000000000000",
      token: "token-1",
      guildId,
      channelId: "1000000000000000000",
      userId: "900000000000000000",
      createdAt: Date.now(),
    },
    payload: { text: "Party 🎉" },
    correlationId: id,
    enqueuedAt: Date.now(),
  };
}

describe("FetchJobQueue", () => {
  const queue = (url: string, options = {}) =>
    new FetchJobQueue(signingClient("sqs", credentials, LOCAL_REGION), url, {
      endpoint: endpoints.sqs,
      ...options,
    });

  it("sends a job the worker reads back unchanged, with its kind and correlation id", async () => {
    const sent = job("1300000000000000001", "1100000000000000000");

    await queue(resources.jobsQueue.url).enqueue(sent);

    const [message, ...rest] = await receiveAll(clients.sqs, resources.jobsQueue.url);
    expect(rest).toEqual([]);
    expect(JSON.parse(message?.Body ?? "")).toEqual(sent);
    expect(message?.MessageAttributes?.kind?.StringValue).toBe("system.status");
    expect(message?.MessageAttributes?.correlationId?.StringValue).toBe(sent.correlationId);
  });

  it("sends to a FIFO queue in the chosen message group, deduplicated by job id", async () => {
    const selfEdits = queue(resources.selfEditQueue.url, { messageGroupId: () => "acme/bot" });
    const sent = job("1300000000000000002", "1100000000000000000");

    await selfEdits.enqueue(sent);
    await selfEdits.enqueue(sent);

    const messages = await receiveAll(clients.sqs, resources.selfEditQueue.url);
    expect(messages.map((message) => JSON.parse(message.Body ?? "").id)).toEqual([sent.id]);
    expect(messages[0]?.Attributes?.MessageGroupId).toBe("acme/bot");
  });

  it("rejects with SQS's error type when the queue does not exist", async () => {
    const missing = resources.jobsQueue.url.replace(/JobsQueue$/, "MissingQueue");

    const sending = queue(missing).enqueue(job("1300000000000000003", "1100000000000000000"));

    await expect(sending).rejects.toBeInstanceOf(AwsApiError);
  });
});

describe("FetchPluginStateReader", () => {
  const reader = (tableName: string) =>
    new FetchPluginStateReader(
      signingClient("dynamodb", credentials, LOCAL_REGION),
      endpoints.dynamodb,
      tableName,
    );

  it("reads a server's plugin choices from its guild-config item", async () => {
    const guildId = "1100000000000000042";
    const history = [
      { pluginId: "knowledge", enabled: false, by: "900000000000000000", at: 1_700_000_000_000 },
    ];
    await clients.dynamodb.send(
      new PutItemCommand({
        TableName: resources.tableName,
        Item: marshall({
          ...itemKeys.guildConfig(guildId),
          data: { plugins: { overrides: { knowledge: false }, history }, prefix: "unrelated" },
        }),
      }),
    );

    const state = await reader(resources.tableName).read(guildId);

    expect(state).toEqual({ overrides: { knowledge: false }, history });
  });

  it("reads an empty state for a server with no item yet", async () => {
    await expect(reader(resources.tableName).read("1100000000000000043")).resolves.toEqual({
      overrides: {},
      history: [],
    });
  });

  it("rejects with DynamoDB's error type when the table does not exist", async () => {
    const reading = reader("no-such-table").read("1100000000000000044");

    await expect(reading).rejects.toMatchObject({ name: "AwsApiError", type: "ResourceNotFoundException" });
  });
});

describe("FetchJobKeyWriter", () => {
  it("writes a job key the workers' DynamoDB client reads back byte for byte", async () => {
    const writer = new FetchJobKeyWriter(
      signingClient("dynamodb", credentials, LOCAL_REGION),
      endpoints.dynamodb,
      resources.keyTableName,
    );
    const ref = { tenant: "1100000000000000045", subject: "900000000000000001", keyId: "jk_01" };
    const key = new Uint8Array(Array.from({ length: 32 }, (_, i) => (i * 37) % 256));

    await writer.put(ref, key);

    const stored = await new DynamoJobKeys(clients.dynamodb, resources.keyTableName).get(ref);
    expect(stored && Buffer.from(stored).equals(Buffer.from(key))).toBe(true);
  });
});

import { lookup } from "node:dns";
import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry, type Job, silentLogger } from "@megawatts/core";
import {
  type LocalClients,
  type Provisioned,
  provisionLocalResources,
  resourceNames,
} from "@megawatts/local";
import { composeLambdaIngress } from "@megawatts/runtime/lambda-ingress";
import { commandInteraction, createSigner, pingInteraction } from "@megawatts/testing";
import { RecordingMetrics } from "@megawatts/testing/fakes";
import { Agent, type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { receiveAll, standInClients, uniquePrefix } from "./helpers.ts";

// The ingress as its Lambda composes it (the edge in the entry, the rest loaded on the first
// interaction that is not a PING), sending jobs with its signed `fetch` to the local SQS.
let clients: LocalClients;
let dispatcher: Dispatcher;
let resources: Provisioned;
const signer = createSigner();
const definitions = createCommandRegistry(ingressPlugins).definitions;

beforeAll(async () => {
  clients = standInClients();
  resources = await provisionLocalResources(clients, resourceNames(uniquePrefix("lambda-ingress")));
  // What Lambda puts in the environment for the function's role; the signed calls read them.
  vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
  // In AWS a queue's URL is on its region's endpoint, where the ingress sends. The local SQS
  // names its queues on `sqs.<region>.localhost`, which RFC 6761 puts on the loopback but glibc's
  // resolver does not: for these tests, `fetch` resolves `.localhost` names to the loopback.
  const port = new URL(inject("standIns").sqs).port;
  dispatcher = getGlobalDispatcher();
  setGlobalDispatcher(
    new Agent({
      connect: {
        lookup: (hostname, options, callback) =>
          hostname.endsWith(".localhost")
            ? options.all
              ? callback(null, [{ address: "127.0.0.1", family: 4 }])
              : callback(null, "127.0.0.1", 4)
            : lookup(hostname, options, callback),
      },
    }),
  );
  if (new URL(resources.jobsQueue.url).port !== port) throw new Error("the queue is not on the local SQS");
});

afterAll(() => {
  setGlobalDispatcher(dispatcher);
  vi.unstubAllEnvs();
  clients.destroy();
});

function lambdaIngress() {
  const endpoint = composeLambdaIngress(
    {
      publicKey: signer.publicKey,
      jobsQueueUrl: resources.jobsQueue.url,
      selfEditQueueUrl: resources.selfEditQueue.url,
      repository: "megawatts/bot",
      tableName: resources.tableName,
      keyTableName: resources.keyTableName,
      region: "us-east-1",
    },
    { logger: silentLogger, metrics: new RecordingMetrics() },
  );
  return async (interaction: unknown) => {
    const body = Buffer.from(JSON.stringify(interaction));
    const response = await endpoint({
      method: "POST",
      path: "/interactions",
      headers: signer.headers(body),
      body,
    });
    return { status: response.statusCode, body: JSON.parse(response.body) as { type?: number } };
  };
}

const command = (name: string, options: Record<string, string> = {}) => {
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`no /${name} in the catalog`);
  return commandInteraction(definition, { options });
};

describe("the Lambda ingress", () => {
  it("answers a PING and sends nothing", async () => {
    const post = lambdaIngress();

    expect(await post(pingInteraction())).toEqual({ status: 200, body: { type: 1 } });
    expect(await receiveAll(clients.sqs, resources.jobsQueue.url)).toEqual([]);
  });

  it("defers a command and sends its job to the jobs queue, then answers inline ones from the same load", async () => {
    const post = lambdaIngress();
    const deferred = command("ping", { queue: "true" });

    const answers = [await post(deferred), await post(command("help"))];

    expect(answers.map((answer) => [answer.status, answer.body.type])).toEqual([
      [200, 5],
      [200, 4],
    ]);
    const jobs = (await receiveAll(clients.sqs, resources.jobsQueue.url)).map(
      (message) => JSON.parse(message.Body ?? "{}") as Job,
    );
    expect(jobs.map((job) => [job.kind, job.interaction.id])).toEqual([["system.ping", deferred.id]]);
  });
});

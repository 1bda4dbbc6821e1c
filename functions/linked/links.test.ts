import { type FunctionName, functionLinks, ingressEnvironment } from "@megawatts/runtime/links";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Every linked resource, as SST would hand it over, recording which names a reader asks for.
const read = vi.hoisted(() => new Set<string>());
vi.mock("sst/resource", () => ({
  Resource: new Proxy(
    {},
    {
      get: (_target, name) => {
        read.add(String(name));
        return {
          name: `${String(name)}-name`,
          url: `https://sqs.example/${String(name)}`,
          arn: `arn:aws:kms:eu-west-1:1:key/${String(name)}`,
          id: "key",
          value: "set",
          groupName: "group",
          roleArn: "arn:aws:iam::1:role/scheduler",
          queueArn: "arn:aws:sqs:eu-west-1:1:tasks",
        };
      },
    },
  ),
}));

const { alarmNotifierResources } = await import("./alarms.ts");
const { dashboardResources } = await import("./dashboard.ts");
const { githubWebhookResources } = await import("./github.ts");
const { ingressResources } = await import("./ingress.ts");
const { selfEditResources } = await import("./selfedit.ts");
const { jobsWorkerResources, tasksWorkerResources } = await import("./worker.ts");

// The ingress reads its links' values from its environment instead (tested below).
const readers: Record<Exclude<FunctionName, "ingress">, () => unknown> = {
  jobsWorker: jobsWorkerResources,
  tasksWorker: tasksWorkerResources,
  selfEditWorker: selfEditResources,
  githubWebhook: githubWebhookResources,
  alarmNotifier: alarmNotifierResources,
  dashboardApi: dashboardResources,
};

beforeEach(() => {
  read.clear();
});

describe("the links of each function", () => {
  it.each(Object.keys(readers) as (keyof typeof readers)[])(
    "%s reads exactly the links the stack gives it",
    (name) => {
      readers[name]();

      expect([...read].sort()).toEqual([...functionLinks[name]].sort());
    },
  );

  it("has the ingress read each of its links from the environment the stack sets, none through sst/resource", () => {
    const env = Object.fromEntries(Object.values(ingressEnvironment).map((name) => [name, `${name}-value`]));

    const resources = ingressResources({ ...env, AWS_REGION: "eu-west-1" });

    expect(read.size).toBe(0);
    expect(Object.keys(ingressEnvironment).sort()).toEqual([...functionLinks.ingress].sort());
    expect(resources).toEqual({
      publicKey: "DISCORD_PUBLIC_KEY-value",
      jobsQueueUrl: "JOBS_QUEUE_URL-value",
      selfEditQueueUrl: "SELFEDIT_QUEUE_URL-value",
      repository: "GITHUB_REPOSITORY-value",
      tableName: "PLUGIN_STATE_TABLE-value",
      keyTableName: "JOB_KEY_TABLE-value",
      region: "eu-west-1",
    });
  });

  it("names the variable the ingress lacks", () => {
    expect(() => ingressResources({ AWS_REGION: "eu-west-1" })).toThrow(
      "DISCORD_PUBLIC_KEY is not set; the stack sets it from the DiscordPublicKey link",
    );
  });

  it("gives the ingress no table, key, bucket or worker secret beyond its own writes", () => {
    expect(functionLinks.ingress).not.toContain("Table");
    expect(functionLinks.ingress).not.toContain("KeyTable");
    expect(functionLinks.ingress).not.toContain("DataKey");
    expect(functionLinks.ingress).not.toContain("DiscordBotToken");
    expect(functionLinks.ingress).not.toContain("OpenAiApiKey");
  });
});

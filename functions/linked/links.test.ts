import { type FunctionName, functionLinks } from "@megawatts/runtime/links";
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

const readers: Record<FunctionName, () => unknown> = {
  ingress: ingressResources,
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
  it.each(Object.keys(readers) as FunctionName[])("%s reads exactly the links the stack gives it", (name) => {
    readers[name]();

    expect([...read].sort()).toEqual([...functionLinks[name]].sort());
  });

  it("gives the ingress no table, key, bucket or worker secret beyond its own writes", () => {
    expect(functionLinks.ingress).not.toContain("Table");
    expect(functionLinks.ingress).not.toContain("KeyTable");
    expect(functionLinks.ingress).not.toContain("DataKey");
    expect(functionLinks.ingress).not.toContain("DiscordBotToken");
    expect(functionLinks.ingress).not.toContain("OpenAiApiKey");
  });
});

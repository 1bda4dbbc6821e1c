import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import type { LocalBot, RecordedSpan } from "@megawatts/local";
import { commandInteraction, type Signer, signatureTimestamp } from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, postSigned, startTestBot } from "./helpers.ts";

let bot: LocalBot;
let signer: Signer;
const definitions = createCommandRegistry(ingressPlugins).definitions;

function command(name: string) {
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`no /${name} command installed`);
  return commandInteraction(definition, { scene: { applicationId: bot.config.discord.applicationId } });
}

async function metricsText(): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${bot.url}/metrics`);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

/** The value of one series in Prometheus text, by its name and exact labels. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeAll(async () => {
  ({ bot, signer } = await startTestBot("observability"));
});

afterAll(async () => {
  await bot?.stop();
});

describe("GET /metrics", () => {
  it("counts each command by outcome and each job by kind after a few simulated commands", async () => {
    await postSigned(bot, signer, command("help"));
    await postSigned(bot, signer, command("help"));
    await postSigned(bot, signer, command("ping"));
    await postSigned(bot, signer, command("status"));

    const { text } = await eventually(async () => {
      const scraped = await metricsText();
      const done = 'megawatts_job_outcome_total{component="worker",kind="system.status",outcome="done"}';
      if (sample(scraped.text, done) !== 1) throw new Error("the /status job has not finished yet");
      return scraped;
    }, 20_000);

    const used = (command: string, outcome: string) =>
      sample(
        text,
        `megawatts_command_used_total{component="ingress",command="${command}",outcome="${outcome}"}`,
      );
    expect(used("help", "inline")).toBe(2);
    expect(used("ping", "inline")).toBe(1);
    expect(used("status", "deferred")).toBe(1);
    expect(sample(text, 'megawatts_interaction_ack_milliseconds_count{component="ingress",type="2"}')).toBe(
      4,
    );
    expect(text).toContain("# TYPE megawatts_command_used_total counter");
  });

  it("serves Prometheus text format", async () => {
    const { status, type } = await metricsText();

    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe("a trace", () => {
  it("follows /status from the ingress through the local queue into the worker with one trace id", async () => {
    const body = JSON.stringify(command("status"));
    const response = await fetch(`${bot.url}/interactions`, {
      method: "POST",
      body,
      headers: signer.headers(body, signatureTimestamp()),
    });
    const root = /Root=([0-9a-f-]+)/.exec(response.headers.get("x-amzn-trace-id") ?? "")?.[1] ?? "";

    const spans = await eventually(async () => {
      const { spans: found } = (await (await fetch(`${bot.url}/_local/traces/${root}`)).json()) as {
        spans: RecordedSpan[];
      };
      if (!found.some((span) => span.name === "job system.status"))
        throw new Error("the job has not run yet");
      return found;
    }, 20_000);

    const named = (name: string) => spans.find((span) => span.name === name);
    const ingress = named("ingress POST /interactions");
    const enqueue = named("SQS SendMessage");
    const job = named("job system.status");
    expect(root).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(ingress?.parentId).toBeUndefined();
    expect(enqueue?.parentId).toBe(ingress?.spanId);
    // The worker continues the trace from the header the message carried.
    expect(job?.parentId).toBe(ingress?.spanId);
    const jobCalls = spans.filter((span) => span.parentId === job?.spanId).map((span) => span.name);
    // Its own reads: the health history in the table.
    expect(jobCalls).toContain("DynamoDB GetItem");
    // The reply edit through Discord REST (the local sink), recorded from `fetch`.
    const sinkHost = new URL(bot.discord.apiUrl).host;
    expect(jobCalls).toContain(`PATCH ${sinkHost}`);
  });
});

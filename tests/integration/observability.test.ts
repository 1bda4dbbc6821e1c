import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import type { LocalBot } from "@megawatts/local";
import { commandInteraction, type Signer } from "@megawatts/testing";
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

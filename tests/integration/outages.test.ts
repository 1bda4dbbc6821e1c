import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { type LocalBot, type StandInEndpoints, startLocalBot } from "@megawatts/local";
import { DeadLetterAdmin } from "@megawatts/storage/sqs";
import {
  commandInteraction,
  createSigner,
  messageCommandInteraction,
  type Signer,
  snowflake,
} from "@megawatts/testing";
import { type OutageProxy, startOutageProxy } from "@megawatts/testing/outage-proxy";
import { afterAll, describe, expect, inject, it } from "vitest";
import { eventually, postSigned, standInClients, uniquePrefix } from "./helpers.ts";

// Each scenario runs its own bot, whose one dependency goes through a proxy that is taken
// down for OUTAGE_MS: the shared stand-ins stay up for every other test, and the four
// scenarios run at once, so the file takes one outage and its recovery, not four.
const OUTAGE_MS = 30_000;
// Waits long enough to outlast some outages and not others: each job either waits the
// outage out or is dead-lettered and redriven. Both are asserted; neither is left to timing.
const RETRY = { maxAttempts: 5, initialSeconds: 2, maxSeconds: 8, maxSecondsWithoutReply: 8 };

type Dependency = "dynamodb" | "redis" | "sqs" | "s3";

const registry = createCommandRegistry(ingressPlugins);
const definition = (name: string) => {
  const found = registry.definitions.find((command) => command.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
};
const clients = standInClients();
const content = (body: unknown) => String((body as { content?: string } | null)?.content ?? "");

interface Scenario {
  bot: LocalBot;
  signer: Signer;
  proxy: OutageProxy;
  guildId: string;
}

async function startScenario(dependency: Dependency): Promise<Scenario> {
  const shared = inject("standIns");
  const target = {
    dynamodb: shared.dynamodb,
    sqs: shared.sqs,
    s3: shared.s3,
    redis: shared.upstash?.url,
  }[dependency];
  if (!target) throw new Error(`the shared stand-ins have no ${dependency}: install redis-server`);
  const proxy = await startOutageProxy(target);
  const standIns: StandInEndpoints = {
    ...shared,
    ...(dependency === "dynamodb" ? { dynamodb: proxy.endpoint } : {}),
    ...(dependency === "sqs" ? { sqs: proxy.endpoint } : {}),
    ...(dependency === "s3" ? { s3: proxy.endpoint } : {}),
    ...(dependency === "redis" && shared.upstash
      ? { upstash: { ...shared.upstash, url: proxy.endpoint } }
      : {}),
  };
  const signer = createSigner();
  const bot = await startLocalBot({
    env: { DISCORD_PUBLIC_KEY: signer.publicKey },
    port: 0,
    standIns,
    resourcePrefix: uniquePrefix(`outage-${dependency}`),
    retry: RETRY,
    logLevel: "SILENT",
  });
  return { bot, signer, proxy, guildId: snowflake() };
}

function sink(bot: LocalBot) {
  if (!bot.sink) throw new Error("the test bot has no sink");
  return bot.sink;
}

/** Posts an interaction and returns its HTTP answer. */
function post(scenario: Scenario, interaction: Parameters<typeof postSigned>[2]) {
  return postSigned(scenario.bot, scenario.signer, interaction);
}

function remember(scenario: Scenario, text: string) {
  const scene = { applicationId: scenario.bot.config.discord.applicationId, guildId: scenario.guildId };
  return messageCommandInteraction(definition("Remember"), { message: { content: text }, scene });
}

function status(scenario: Scenario) {
  const scene = { applicationId: scenario.bot.config.discord.applicationId, guildId: scenario.guildId };
  return commandInteraction(definition("status"), { scene });
}

function lastEdit(scenario: Scenario, token: string): string {
  const edits = sink(scenario.bot)
    .events(token)
    .filter((event) => event.method === "PATCH" && event.status < 300);
  return content(edits.at(-1)?.body);
}

function deadLetters(bot: LocalBot) {
  const { jobsQueue, jobsDeadLetterQueue, selfEditQueue, selfEditDeadLetterQueue } = bot.resources;
  return new DeadLetterAdmin(clients.sqs, [
    { name: "jobs", deadLetterUrl: jobsDeadLetterQueue.url, sourceUrl: jobsQueue.url },
    { name: "selfedit", deadLetterUrl: selfEditDeadLetterQueue.url, sourceUrl: selfEditQueue.url },
  ]);
}

/**
 * Waits until each Remember is stored, redriving from the dead-letter queue whatever the
 * outage pushed there (with its reason checked), and resolves with the reasons seen.
 */
async function settle(scenario: Scenario, tokens: readonly string[]): Promise<string[]> {
  const reasons: string[] = [];
  await eventually(async () => {
    const letters = await deadLetters(scenario.bot).list();
    for (const letter of letters) reasons.push(letter.reason);
    if (letters.length > 0) await deadLetters(scenario.bot).redrive(letters);
    for (const token of tokens) expect(lastEdit(scenario, token)).toContain("🧠 Remembered");
  }, 120_000);
  return reasons;
}

const scenarios = new Map<Dependency, Scenario>();

afterAll(async () => {
  for (const scenario of scenarios.values()) {
    await scenario.bot.stop();
    await scenario.proxy.close();
  }
  clients.destroy();
});

/**
 * One outage: take the dependency down, run commands through it, bring it back, and check
 * that every answer came in time, /status named what was down, and nothing was lost.
 */
async function outage(dependency: Dependency, statusRow: string) {
  const scenario = await startScenario(dependency);
  scenarios.set(dependency, scenario);
  await scenario.proxy.down();

  const remembers = [1, 2, 3].map((n) => remember(scenario, `outage ${dependency} note ${n}`));
  const answers: Awaited<ReturnType<typeof post>>[] = [];
  for (const interaction of remembers) answers.push(await post(scenario, interaction));
  const statusCall = status(scenario);
  const statusAnswer = await post(scenario, statusCall);
  const during =
    dependency === "sqs"
      ? content((statusAnswer.body as { data?: unknown }).data)
      : content(
          (
            await sink(scenario.bot).waitFor(
              (event) => event.token === statusCall.token && event.method === "PATCH",
              60_000,
            )
          ).body,
        );

  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  await scenario.proxy.up();

  // Whoever was told at once to try again (the queue, or the server's settings, could not be
  // reached) does so now.
  const retried = await Promise.all(
    remembers
      .filter((_, index) => answers[index]?.body.type !== 5)
      .map(async (interaction) => (await post(scenario, interaction)).body),
  );
  const reasons = await settle(
    scenario,
    remembers.map((interaction) => interaction.token),
  );
  return { answers, statusAnswer, during, retried, reasons, statusRow };
}

describe("outages of one dependency for 30 s", () => {
  const runs = {
    dynamodb: outage("dynamodb", "table"),
    redis: outage("redis", "cache"),
    sqs: outage("sqs", "jobs queue"),
    s3: outage("s3", "bucket"),
  };
  // Every scenario is under way before any test awaits one.
  for (const run of Object.values(runs)) run.catch(() => {});

  for (const [dependency, run] of Object.entries(runs)) {
    // How fast the answers come is a figure of `npm run bench -- recovery`, not a test's condition.
    it(`keeps answering, names the ${dependency} outage, and loses nothing`, async () => {
      const { answers, statusAnswer, during, retried, reasons, statusRow } = await run;

      for (const answer of [...answers, statusAnswer]) {
        expect(answer.status).toBe(200);
      }
      // Each Remember was either deferred or answered at once with "try again" and a reference.
      for (const answer of answers) {
        if (answer.body.type === 5) continue;
        expect(content((answer.body as { data?: unknown }).data)).toMatch(
          /^I couldn't start that: .* Please try again in a moment\. Reference: `ref_\w+`$/,
        );
      }
      for (const body of retried) expect(body.type).toBe(5);
      if (dependency === "sqs") {
        expect(retried).toHaveLength(answers.length);
        expect(during).toContain("work queue is unreachable");
      } else {
        const row = during.split("\n").find((line) => line.startsWith(`${statusRow} `));
        expect(row).toMatch(/\sdown\s/);
      }
      for (const reason of reasons) expect(reason).toMatch(/^gave up after \d+ tries: /);
    }, 240_000);
  }
});

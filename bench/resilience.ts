import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry, JOB_RETRY_SCHEDULE } from "@megawatts/core";
import { createLocalClients, type LocalBot, startLocalBot, startStandIns } from "@megawatts/local";
import { DeadLetterAdmin } from "@megawatts/storage/sqs";
import {
  commandInteraction,
  createSigner,
  messageCommandInteraction,
  type Signer,
  snowflake,
} from "@megawatts/testing";
import { malformedCorpus } from "@megawatts/testing/malformed-interactions";
import { startOutageProxy } from "@megawatts/testing/outage-proxy";
import type { Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";

// Each request would print CloudWatch EMF lines; the figures are what this section reports.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const definitions = createCommandRegistry(ingressPlugins).definitions;
const definition = (name: string) => {
  const found = definitions.find((command) => command.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
};

async function localBot(signer: Signer, standIns?: Parameters<typeof startLocalBot>[0]) {
  return startLocalBot({
    env: { DISCORD_PUBLIC_KEY: signer.publicKey },
    port: 0,
    inMemory: true,
    logLevel: "SILENT",
    ...standIns,
  });
}

async function post(bot: LocalBot, signer: Signer, interaction: unknown) {
  const body = JSON.stringify(interaction);
  const started = performance.now();
  const response = await fetch(`${bot.url}/interactions`, {
    method: "POST",
    body,
    headers: signer.headers(body),
  });
  const answer = (await response.json()) as { type?: number };
  return { status: response.status, ms: performance.now() - started, deferred: answer.type === 5 };
}

/** Sends every interaction, `concurrency` at a time, and collects status and latency. */
async function load(bot: LocalBot, signer: Signer, interactions: readonly unknown[], concurrency = 16) {
  const results: { status: number; ms: number }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < interactions.length) {
      const interaction = interactions[next++];
      results.push(await post(bot, signer, interaction));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

function validMix(applicationId: string, count: number) {
  const scene = { applicationId };
  return Array.from({ length: count }, (_, index) => {
    switch (index % 3) {
      case 0:
        return commandInteraction(definition("help"), { scene });
      case 1:
        return commandInteraction(definition("search"), {
          scene,
          options: { query: `upload limit ${index}` },
        });
      default:
        return messageCommandInteraction(definition("Remember"), {
          message: { content: `note ${index}` },
          scene,
        });
    }
  });
}

const share = (results: { ms: number }[], limitMs: number) =>
  (100 * results.filter((result) => result.ms < limitMs).length) / results.length;

export const ingressFuzz: Section = {
  id: "fuzz",
  title: "Ingress under a fuzz mix: the malformed corpus plus valid commands, 16 at a time, local bot",
  async run() {
    const signer = createSigner();
    const bot = await localBot(signer);
    try {
      const { applicationId } = bot.config.discord;
      const corpus = malformedCorpus(definitions).map((interaction) => ({
        ...interaction,
        application_id: applicationId,
      }));
      const valid = validMix(applicationId, 300);
      const mix = corpus.flatMap((interaction, index) =>
        index % 3 === 0 ? [interaction, valid[index % 300]] : [interaction],
      );
      const baseline = await load(bot, signer, valid);
      const fuzz = await load(bot, signer, mix);
      const fiveHundreds = (results: { status: number }[]) =>
        results.filter((result) => result.status >= 500).length;
      const rejected = fuzz.filter((result) => result.status >= 400 && result.status < 500).length;
      return {
        figures: [
          {
            name: "answered under 3 s",
            unit: "%",
            measured: share(fuzz, 3_000),
            baseline: share(baseline, 3_000),
            target: { atLeast: 100 },
          },
          {
            name: "5xx answers",
            unit: "",
            measured: fiveHundreds(fuzz),
            baseline: fiveHundreds(baseline),
            target: { atMost: 0 },
            digits: 0,
          },
          {
            name: "p99 answer",
            unit: "ms",
            measured: summarize(fuzz.map((r) => r.ms)).p99,
            baseline: summarize(baseline.map((r) => r.ms)).p99,
          },
        ],
        notes: [
          `fuzz mix: ${mix.length} requests (${corpus.length} malformed, ${rejected} answered 4xx); baseline: ${valid.length} valid commands alone`,
          "valid commands: /help inline, /search and Remember deferred onto the SQS stand-in",
        ],
      };
    } finally {
      await bot.stop();
    }
  },
};

const OUTAGE_MS = 30_000;
const JOBS = 20;

/** Posts JOBS Remembers and resolves once each reply says stored, redriving dead letters as an operator would. */
async function rememberAll(
  bot: LocalBot,
  signer: Signer,
  hooks: { beforePosting?: () => Promise<void>; onPosted?: () => Promise<void> } = {},
) {
  const scene = { applicationId: bot.config.discord.applicationId, guildId: snowflake() };
  // One command first, so the ingress has read this server's plugin settings, as a server in use has.
  await post(bot, signer, commandInteraction(definition("help"), { scene }));
  const warmUp = messageCommandInteraction(definition("Remember"), {
    message: { content: "warm-up" },
    scene,
  });
  await post(bot, signer, warmUp);
  await hooks.beforePosting?.();
  const interactions = Array.from({ length: JOBS }, (_, index) =>
    messageCommandInteraction(definition("Remember"), {
      message: { content: `recovery note ${index}` },
      scene,
    }),
  );
  const answers = [];
  for (const interaction of interactions) answers.push(await post(bot, signer, interaction));
  await hooks.onPosted?.();
  const started = performance.now();
  // A member told at once to try again (the server's settings could not be read) does so now.
  for (const [index, interaction] of interactions.entries())
    if (!answers[index]?.deferred) await post(bot, signer, interaction);
  const deadline = started + 10 * 60_000;
  const sink = bot.sink;
  if (!sink) throw new Error("the bench bot has no sink");
  const { jobsQueue, jobsDeadLetterQueue } = bot.resources;
  const clients = createLocalClients(bot.standIns);
  const admin = new DeadLetterAdmin(clients.sqs, [
    { name: "jobs", deadLetterUrl: jobsDeadLetterQueue.url, sourceUrl: jobsQueue.url },
  ]);
  let redriven = 0;
  try {
    for (;;) {
      const stored = interactions.filter((interaction) =>
        sink
          .events(interaction.token)
          .some((event) => String((event.body as { content?: string })?.content).includes("🧠 Remembered")),
      );
      if (stored.length === interactions.length) break;
      if (performance.now() > deadline)
        throw new Error(`${stored.length} of ${interactions.length} stored 10 minutes after the restore`);
      const letters = await admin.list();
      if (letters.length > 0) redriven += (await admin.redrive(letters)).redriven.length;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    clients.destroy();
  }
  return {
    seconds: (performance.now() - started) / 1000,
    redriven,
    slowestAnswerMs: Math.max(...answers.map((answer) => answer.ms)),
  };
}

export const outageRecovery: Section = {
  id: "recovery",
  title: `Recovery after a ${OUTAGE_MS / 1000} s DynamoDB outage: ${JOBS} Remembers, the deployed retry schedule`,
  async run() {
    const signer = createSigner();
    const standIns = await startStandIns();
    const proxy = await startOutageProxy(standIns.endpoints.dynamodb);
    const bots: LocalBot[] = [];
    const bot = async (prefix: string, dynamodb: string) => {
      const started = await localBot(signer, {
        standIns: { ...standIns.endpoints, dynamodb },
        resourcePrefix: prefix,
        retry: JOB_RETRY_SCHEDULE,
      });
      bots.push(started);
      return started;
    };
    try {
      // Baseline: the same jobs with DynamoDB up throughout, from the last post to the last done.
      const baseline = await rememberAll(await bot("steady-", standIns.endpoints.dynamodb), signer);
      const outageBot = await bot("outage-", proxy.endpoint);
      const outage = await rememberAll(outageBot, signer, {
        beforePosting: () => proxy.down(),
        onPosted: async () => {
          await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
          await proxy.up();
        },
      });
      return {
        figures: [
          {
            name: "restore → last job done",
            unit: "s",
            measured: outage.seconds,
            baseline: baseline.seconds,
          },
          {
            name: "slowest answer while DynamoDB is down",
            unit: "ms",
            measured: outage.slowestAnswerMs,
            baseline: baseline.slowestAnswerMs,
            target: { atMost: 3_000 },
          },
        ],
        notes: [
          `${outage.redriven} of ${JOBS} jobs were dead-lettered and redriven; the rest waited the outage out`,
          `retry schedule: ${JOB_RETRY_SCHEDULE.maxAttempts} tries, ${JOB_RETRY_SCHEDULE.initialSeconds} s doubling to ${JOB_RETRY_SCHEDULE.maxSeconds} s, half jitter`,
          "baseline: the same jobs with DynamoDB up, from the last post to the last job done, and the slowest of their answers",
        ],
      };
    } finally {
      for (const started of bots) await started.stop();
      await proxy.close();
      await standIns.close();
    }
  },
};

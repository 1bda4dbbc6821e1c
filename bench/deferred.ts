import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { type LocalBot, startLocalBot } from "@megawatts/local";
import { commandInteraction, createSigner } from "@megawatts/testing";
import type { Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";
import type { Target } from "./lib/table.ts";

// Each request would print CloudWatch EMF lines; the figures are what this section reports.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const USERS = 50;
const ROUNDS = 6;
const WARMUP_ROUNDS = 1;

const definitions = createCommandRegistry(ingressPlugins).definitions;
const definition = (name: string) => {
  const found = definitions.find((command) => command.name === name);
  if (!found) throw new Error(`no /${name} command in the catalog`);
  return found;
};

/** The two deferred commands timed: one whose job answers from the job alone, and `/status`. */
const COMMANDS: { label: string; name: string; options: Record<string, string>; target?: Target }[] = [
  { label: "/ping queue:true", name: "ping", options: { queue: "true" }, target: { atMost: 100 } },
  { label: "/status", name: "status", options: {} },
];

interface Samples {
  acks: number[];
  edits: number[];
}

/** One user's round trip: post the command, time the ack and the first edit of `@original`. */
async function roundTrip(
  bot: LocalBot,
  signer: ReturnType<typeof createSigner>,
  command: (typeof COMMANDS)[number],
) {
  const { sink } = bot;
  if (!sink) throw new Error("the local bot started without its Discord sink");
  const scene = { applicationId: bot.config.discord.applicationId };
  const interaction = commandInteraction(definition(command.name), { options: command.options, scene });
  const body = JSON.stringify(interaction);
  const started = Date.now();
  const edited = sink.waitFor(
    (event) =>
      event.method === "PATCH" && event.token === interaction.token && event.path.endsWith("/@original"),
    30_000,
  );
  const response = await fetch(`${bot.url}/interactions`, {
    method: "POST",
    body,
    headers: signer.headers(body),
  });
  const answer = (await response.json()) as { type?: number };
  const ack = Date.now() - started;
  if (answer.type !== 5)
    throw new Error(`${command.label} was not deferred: ${response.status} ${JSON.stringify(answer)}`);
  const { at } = await edited;
  return { ack, edit: at - started };
}

/**
 * The deferred path end to end on the local runtime: 50 users at once post `/ping queue:true`
 * (a job that answers from the job alone) or `/status` (which probes every stand-in first),
 * the two taking turns round by round, timed from the post to the answer (the ack) and to the
 * worker's first edit of `@original` at the Discord sink (queue, the worker's start for the
 * job, the job, the REST call).
 */
export const deferredRoundTrip: Section = {
  id: "deferred",
  title: `3b. Deferred round trip on the local runtime (${USERS} users at once, ${ROUNDS} rounds per command after ${WARMUP_ROUNDS})`,
  async run() {
    const signer = createSigner();
    const bot = await startLocalBot({
      env: { DISCORD_PUBLIC_KEY: signer.publicKey },
      port: 0,
      inMemory: true,
      logLevel: "SILENT",
      schedulerIntervalMs: 0,
    });
    const samples = new Map<string, Samples>(
      COMMANDS.map((command) => [command.label, { acks: [], edits: [] }]),
    );
    try {
      for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
        for (const command of round % 2 === 0 ? COMMANDS : [...COMMANDS].reverse()) {
          const times = await Promise.all(
            Array.from({ length: USERS }, () => roundTrip(bot, signer, command)),
          );
          if (round < WARMUP_ROUNDS) continue;
          const kept = samples.get(command.label);
          for (const { ack, edit } of times) {
            kept?.acks.push(ack);
            kept?.edits.push(edit);
          }
        }
      }
    } finally {
      await bot.stop();
    }
    const figures = COMMANDS.flatMap((command) => {
      const { acks, edits } = samples.get(command.label) ?? { acks: [], edits: [] };
      const edit = summarize(edits);
      const ack = summarize(acks);
      return [
        {
          name: `${command.label}: post → first edit of @original p50`,
          unit: "ms",
          measured: edit.p50,
          baseline: ack.p50,
          ...(command.target ? { target: command.target } : {}),
        },
        {
          name: `${command.label}: post → first edit of @original p99`,
          unit: "ms",
          measured: edit.p99,
          baseline: ack.p99,
        },
      ];
    });
    return {
      figures,
      notes: [
        "baseline: post → the deferred answer (type 5) of the same requests",
        "/ping queue:true answers from the job alone (no outside work; like /status it runs without a claim); /status probes every stand-in before it edits, one round of probes shared by the jobs running at once; everything, the load included, shares this machine's cores",
        `${ROUNDS * USERS} round trips per command; stand-ins in memory, jobs through the local SQS stand-in and queue runner, edits at the local Discord sink`,
      ],
    };
  },
};

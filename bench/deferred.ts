import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { startLocalBot } from "@megawatts/local";
import { commandInteraction, createSigner } from "@megawatts/testing";
import type { Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";

// Each request would print CloudWatch EMF lines; the figures are what this section reports.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const USERS = 50;
const ROUNDS = 6;
const WARMUP_ROUNDS = 1;

const status = createCommandRegistry(ingressPlugins).definitions.find((command) => command.name === "status");

/**
 * The deferred path end to end on the local runtime: `/status` posted by 50 users at once,
 * timed from the post to the answer (the ack) and to the worker's first edit of `@original`
 * at the Discord sink (queue polling, the worker's start for the job, the job, the REST call).
 */
export const deferredRoundTrip: Section = {
  id: "deferred",
  title: `3b. Deferred round trip on the local runtime (/status, ${USERS} users at once, ${ROUNDS} rounds after ${WARMUP_ROUNDS})`,
  async run() {
    if (!status) throw new Error("no /status command in the catalog");
    const signer = createSigner();
    const bot = await startLocalBot({
      env: { DISCORD_PUBLIC_KEY: signer.publicKey },
      port: 0,
      inMemory: true,
      logLevel: "SILENT",
      schedulerIntervalMs: 0,
    });
    const { sink } = bot;
    if (!sink) throw new Error("the local bot started without its Discord sink");
    const acks: number[] = [];
    const edits: number[] = [];
    try {
      const scene = { applicationId: bot.config.discord.applicationId };
      const roundTrip = async (record: boolean) => {
        const interaction = commandInteraction(status, { scene });
        const body = JSON.stringify(interaction);
        const started = Date.now();
        const edited = sink.waitFor(
          (event) =>
            event.method === "PATCH" &&
            event.token === interaction.token &&
            event.path.endsWith("/@original"),
          30_000,
        );
        const response = await fetch(`${bot.url}/interactions`, {
          method: "POST",
          body,
          headers: signer.headers(body),
        });
        const answer = (await response.json()) as { type?: number };
        const ackAt = Date.now();
        if (answer.type !== 5)
          throw new Error(`/status was not deferred: ${response.status} ${JSON.stringify(answer)}`);
        const { at } = await edited;
        if (record) {
          acks.push(ackAt - started);
          edits.push(at - started);
        }
      };
      for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++)
        await Promise.all(Array.from({ length: USERS }, () => roundTrip(round >= WARMUP_ROUNDS)));
    } finally {
      await bot.stop();
    }
    const edit = summarize(edits);
    const ack = summarize(acks);
    return {
      figures: [
        {
          name: "post → first edit of @original p50",
          unit: "ms",
          measured: edit.p50,
          baseline: ack.p50,
          target: { atMost: 100 },
        },
        { name: "post → first edit of @original p99", unit: "ms", measured: edit.p99, baseline: ack.p99 },
      ],
      notes: [
        "baseline: post → the deferred answer (type 5) of the same requests",
        "/status probes every stand-in before it edits (about 20–50 ms of the figure with one user at a time); everything, the load included, shares this machine's cores",
        `${edits.length} round trips; stand-ins in memory, jobs through the local SQS stand-in and queue runner, edits at the local Discord sink`,
      ],
    };
  },
};

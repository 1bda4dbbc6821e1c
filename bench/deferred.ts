import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { type LocalBot, startLocalBot } from "@megawatts/local";
import { createSigner } from "@megawatts/testing";
import type { Posted, RoundRequest } from "./clients/deferred-users.ts";
import { repoRoot } from "./lib/paths.ts";
import type { Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";
import type { Target } from "./lib/table.ts";

// Each request would print CloudWatch EMF lines; the figures are what this section reports.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const USERS = 50;
const ROUNDS = 10;
// A local bot that has been running: in its first rounds V8 is still optimising the paths a round
// trip takes (the SDK, the SQS stand-in, HTTP, tracing), and each round's p50 falls round by round
// until about the sixth (from over 120 ms to under 100 ms here). Those rounds are timed apart.
const WARMUP_ROUNDS = 6;

/** The two deferred commands timed: one whose job answers from the job alone, and `/status`. */
const COMMANDS: { label: string; name: string; options: Record<string, string>; target?: Target }[] = [
  { label: "/ping queue:true", name: "ping", options: { queue: "true" }, target: { atMost: 100 } },
  { label: "/status", name: "status", options: {} },
];

interface Samples {
  command: (typeof COMMANDS)[number];
  acks: number[];
  edits: number[];
  /** From the request's arrival (the start of its trace's ingress span) to the edit. */
  fromArrival: number[];
  /** The edits of the warm-up rounds, right after the bot started. */
  firstEdits: number[];
  /** CPU time of this process (the bot, its in-process stand-ins and the sink) over the measured rounds. */
  cpuMs: number;
}

type UsersReply = { ready: true } | { posted: Posted[] } | { error: string };

/** The users' process: it signs and posts, as Discord would, outside the bot's process. */
async function startUsers(bot: LocalBot, privateKey: string) {
  const child: ChildProcess = fork(join(repoRoot, "bench/clients/deferred-users.ts"), [], {
    cwd: repoRoot,
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      BENCH_URL: bot.url,
      BENCH_PRIVATE_KEY: privateKey,
      BENCH_APPLICATION_ID: bot.config.discord.applicationId,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // One request at a time: each message from the child answers the one pending.
  let pending: { resolve(reply: UsersReply): void; reject(error: Error): void } | undefined;
  child.on("message", (reply: UsersReply) => pending?.resolve(reply));
  child.once("exit", (code) => pending?.reject(new Error(`the users' process exited with code ${code}`)));
  const next = () =>
    new Promise<UsersReply>((resolve, reject) => {
      pending = { resolve, reject };
    });
  await next();
  return {
    async post(request: RoundRequest): Promise<Posted[]> {
      const reply = next();
      child.send(request);
      const message = await reply;
      if ("error" in message) throw new Error(`the users' process failed: ${message.error}`);
      if (!("posted" in message)) throw new Error("the users' process answered out of turn");
      return message.posted;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill();
      await exited;
    },
  };
}

/** An interaction's arrival: the start of its trace's ingress span (epoch ms). */
async function ingressStart(bot: LocalBot, traceRoot: string | undefined): Promise<number> {
  const response = await fetch(`${bot.url}/_local/traces/${traceRoot}`);
  const { spans } = (await response.json()) as { spans: { name: string; start: number }[] };
  const ingress = spans.find((span) => span.name.startsWith("ingress "));
  if (!ingress) throw new Error(`trace ${traceRoot} has no ingress span`);
  return ingress.start;
}

/** One round: every user posts the command at once; each post's ack, then its first edit of `@original`. */
async function round(
  bot: LocalBot,
  users: Awaited<ReturnType<typeof startUsers>>,
  command: (typeof COMMANDS)[number],
) {
  const { sink } = bot;
  if (!sink) throw new Error("the local bot started without its Discord sink");
  const posted = await users.post({ name: command.name, options: command.options, users: USERS });
  return Promise.all(
    posted.map(async ({ token, started, ackMs, type, status, traceRoot }) => {
      if (type !== 5) throw new Error(`${command.label} was not deferred: ${status} type ${type}`);
      // The sink keeps what it received, so an edit that came before this wait is found too.
      const { at } = await sink.waitFor(
        (event) => event.method === "PATCH" && event.token === token && event.path.endsWith("/@original"),
        30_000,
      );
      return { ack: ackMs, edit: at - started, at, traceRoot };
    }),
  );
}

/**
 * The deferred path end to end on the local runtime: 50 users at once post `/ping queue:true`
 * (a job that answers from the job alone) or `/status` (which probes every stand-in first),
 * the two taking turns round by round, timed from the post to the answer (the ack) and to the
 * worker's first edit of `@original` at the Discord sink (queue, the worker's start for the
 * job, the job, the REST call). The users post from a child process, as Discord posts from
 * elsewhere; the bot, its stand-ins in memory and the sink run here.
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
    const samples: Samples[] = COMMANDS.map((command) => ({
      command,
      acks: [],
      edits: [],
      fromArrival: [],
      firstEdits: [],
      cpuMs: 0,
    }));
    let users: Awaited<ReturnType<typeof startUsers>> | undefined;
    try {
      users = await startUsers(bot, signer.privateKey);
      for (let index = 0; index < WARMUP_ROUNDS + ROUNDS; index++) {
        for (const kept of index % 2 === 0 ? samples : [...samples].reverse()) {
          const before = process.cpuUsage();
          const times = await round(bot, users, kept.command);
          const used = process.cpuUsage(before);
          if (index < WARMUP_ROUNDS) {
            kept.firstEdits.push(...times.map(({ edit }) => edit));
            continue;
          }
          kept.cpuMs += (used.user + used.system) / 1000;
          for (const { ack, edit, at, traceRoot } of times) {
            kept.acks.push(ack);
            kept.edits.push(edit);
            // Read between rounds, so the bot serves no trace while a round is timed.
            kept.fromArrival.push(at - (await ingressStart(bot, traceRoot)));
          }
        }
      }
    } finally {
      await users?.stop();
      await bot.stop();
    }
    const figures = samples.flatMap(({ command, acks, edits, fromArrival, firstEdits }) => {
      const edit = summarize(edits);
      const ack = summarize(acks);
      const arrival = summarize(fromArrival);
      return [
        {
          name: `${command.label}: arrival → first edit of @original p50`,
          unit: "ms",
          measured: arrival.p50,
          baseline: edit.p50,
          ...(command.target ? { target: command.target } : {}),
        },
        {
          name: `${command.label}: arrival → first edit of @original p99`,
          unit: "ms",
          measured: arrival.p99,
          baseline: edit.p99,
        },
        {
          name: `${command.label}: post → first edit of @original p50`,
          unit: "ms",
          measured: edit.p50,
          baseline: ack.p50,
        },
        {
          name: `${command.label}: post → first edit of @original p99`,
          unit: "ms",
          measured: edit.p99,
          baseline: ack.p99,
        },
        {
          name: `${command.label}: post → first edit p50 in the first ${WARMUP_ROUNDS} rounds after the bot started`,
          unit: "ms",
          measured: summarize(firstEdits).p50,
          baseline: edit.p50,
        },
      ];
    });
    return {
      figures,
      notes: [
        "arrival: the start of the interaction's trace (the ingress's span, as X-Ray shows a Lambda invocation), once the local server has read the request; post: when the user sent it, so post → arrival is the request waiting for the bot's one event loop, busy with the other 49",
        "baselines: for arrival, post → first edit; for post, post → the deferred answer (type 5) of the same requests; for the first rounds, post → first edit of the rounds after them",
        "/ping queue:true answers from the job alone (no outside work; like /status it runs without a claim); /status probes every stand-in before it edits, one round of probes shared by the jobs running at once",
        "the 50 users post from a child process over kept-alive node:http connections, each request signed before the round's clock starts, as Discord posts from elsewhere; the bot, its stand-ins and the sink run in this one, and both share this machine's cores",
        `CPU of the bot's process per round trip (ack, job and edit; the SQS, S3 and KMS stand-ins and the sink run in it, DynamoDB Local and Redis in processes of their own): ${samples
          .map(({ command, cpuMs }) => `${command.label} ${(cpuMs / (ROUNDS * USERS)).toFixed(2)} ms`)
          .join(", ")}`,
        `${ROUNDS * USERS} round trips per command; stand-ins in memory, jobs through the local SQS stand-in and queue runner, edits at the local Discord sink`,
      ],
    };
  },
};

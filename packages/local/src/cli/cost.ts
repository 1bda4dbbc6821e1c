import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import {
  commandInteraction,
  createSigner,
  messageCommandInteraction,
  signatureTimestamp,
} from "@megawatts/discord/simulate";
import type { APIInteraction } from "discord-api-types/v10";
import { countUsage, priceUsage, type Usage } from "../cost/count.ts";
import { PRICES } from "../cost/prices.ts";
import { traceRootOf } from "../observability/trace-root.ts";
import type { RecordedSpan } from "../observability/traces.ts";
import { trackChild } from "../stand-ins/child-processes.ts";
import { startLocalBot } from "../start-local-bot.ts";
import { exitWithError, UsageError } from "./args.ts";

const USAGE = `Usage: npm run cost [-- --runs <n>]

Starts the local bot in memory, drives a scripted mix of commands through it (inline, deferred,
Remember, search, ask, privacy export, self-edit), counts what each one calls from its trace, and
prints dollars per 1M interactions per command and for the mix, at the prices in
packages/local/src/cost/prices.ts (dated ${PRICES.date}, ${PRICES.region}). OpenAI and Pinecone
are those OPENAI_* and PINECONE_* configure, else stand-ins on this machine (npm run ai:stand-ins).

  --runs <n>   interactions per command (default 3); the figures are their mean`;

const AI_STAND_INS = fileURLToPath(new URL("../../../testing/src/cli/ai-stand-ins.ts", import.meta.url));

/**
 * OpenAI and Pinecone for the run: those the environment configures, else the stand-ins of
 * `npm run ai:stand-ins` in a child process, which report usage as the real services do.
 */
async function aiServices(env: NodeJS.ProcessEnv) {
  if (env.OPENAI_BASE_URL || env.OPENAI_API_KEY || env.PINECONE_API_KEY)
    return { env: {}, where: "as configured", stop: () => undefined };
  const child = trackChild(
    spawn(process.execPath, ["--import", "tsx", AI_STAND_INS], { stdio: ["ignore", "pipe", "inherit"] }),
  );
  const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), "line")) as [
    string,
  ];
  return {
    env: JSON.parse(line) as Record<string, string>,
    where: "their stand-ins on this machine (npm run ai:stand-ins)",
    stop: () => child.kill(),
  };
}

const print = (text = "") => process.stdout.write(`${text}\n`);
const definitions = createCommandRegistry(ingressPlugins).definitions;
const scene = { admin: true };

function command(name: string, options: Record<string, string> = {}, path: string[] = []) {
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`no /${name} command installed`);
  return commandInteraction(definition, { options, path, scene });
}

/** The scripted mix: each entry once per run, equal weights. */
const MIX: { label: string; build: () => APIInteraction }[] = [
  { label: "/help (inline)", build: () => command("help") },
  { label: "/status (deferred)", build: () => command("status") },
  {
    label: "Remember",
    build: () => {
      const definition = definitions.find((candidate) => candidate.name === "Remember");
      if (!definition) throw new Error("no Remember command installed");
      return messageCommandInteraction(definition, {
        message: { content: "The upload limit is 25 MB on the free plan." },
        scene,
      });
    },
  },
  { label: "/search", build: () => command("search", { query: "upload limit" }) },
  { label: "/ask", build: () => command("ask", { question: "What is the upload limit?" }) },
  { label: "/knowledge (index)", build: () => command("knowledge") },
  { label: "/privacy export", build: () => command("privacy", {}, ["export"]) },
  {
    label: "/improve (self-edit)",
    build: () => command("improve", { request: "Say hello in /help" }, ["request"]),
  },
];

async function waitForJob(url: string, id: string) {
  for (let tries = 0; tries < 600; tries += 1) {
    const state = ((await (await fetch(`${url}/_local/jobs/${id}`)).json()) as { state: string }).state;
    if (state === "done" || state === "dead-lettered") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const FIELDS: (keyof Usage)[] = [
  "lambdaRequests",
  "lambdaGbSeconds",
  "sqsRequests",
  "dynamoReadUnits",
  "dynamoWriteUnits",
  "kmsRequests",
  "s3ClassA",
  "s3ClassB",
  "upstashCommands",
  "pineconeReadUnits",
  "pineconeWriteUnits",
  "embeddingTokens",
  "chatInputTokens",
  "chatOutputTokens",
];

function mean(usages: Usage[]): Usage {
  const total = Object.fromEntries(
    Object.keys(usages[0] ?? {}).map((field) => [
      field,
      usages.reduce((sum, usage) => sum + usage[field as keyof Usage], 0) / Math.max(usages.length, 1),
    ]),
  );
  return total as unknown as Usage;
}

function row(label: string, usage: Usage) {
  const decimals: Partial<Record<keyof Usage, number>> = { lambdaGbSeconds: 3, pineconeReadUnits: 2 };
  const cells = FIELDS.map((field) => usage[field].toFixed(decimals[field] ?? 1));
  return [
    label.padEnd(22),
    ...cells.map((cell) => cell.padStart(7)),
    `$${(priceUsage(usage) * 1e6).toFixed(2)}`.padStart(10),
  ].join(" ");
}

function parse(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { runs: { type: "string", default: "3" }, help: { type: "boolean", short: "h" } },
    });
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of at least 1");
    return { runs, help: values.help === true };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

async function main(argv: string[]) {
  const { runs, help } = parse(argv);
  if (help) return print(USAGE);
  const signer = createSigner();
  print("Starting the local bot in memory…");
  const ai = await aiServices(process.env);
  const bot = await startLocalBot({
    env: { ...process.env, ...ai.env, DISCORD_PUBLIC_KEY: signer.publicKey },
    port: 0,
    inMemory: true,
    logLevel: "SILENT",
    schedulerIntervalMs: 0,
  });
  try {
    const hosts = { upstash: bot.standIns.upstash ? new URL(bot.standIns.upstash.url).host : undefined };
    const results: { label: string; usage: Usage }[] = [];
    for (const entry of MIX) {
      const usages: Usage[] = [];
      for (let run = 0; run < runs; run += 1) {
        const interaction = entry.build();
        const body = JSON.stringify(interaction);
        const response = await fetch(`${bot.url}/interactions`, {
          method: "POST",
          body,
          headers: signer.headers(body, signatureTimestamp()),
        });
        const answer = (await response.json()) as { type?: number };
        if (answer.type === 5 || answer.type === 6) await waitForJob(bot.url, interaction.id);
        const root = traceRootOf(response.headers.get("x-amzn-trace-id"));
        const { spans } = (await (await fetch(`${bot.url}/_local/traces/${root}`)).json()) as {
          spans: RecordedSpan[];
        };
        usages.push(countUsage(spans, hosts));
      }
      results.push({ label: entry.label, usage: mean(usages) });
      process.stderr.write(`  measured ${entry.label}\n`);
    }
    const header = [
      "command".padEnd(22),
      ..."λ req|GB-s|SQS|DDB RU|DDB WU|KMS|S3 A|S3 B|Upstash|PC RU|PC WU|emb tok|chat in|chat out"
        .split("|")
        .map((name) => name.padStart(7)),
      "$ per 1M".padStart(10),
    ];
    print(
      `\nPer interaction (mean of ${runs}), and dollars per 1M interactions at prices of ${PRICES.date} (${PRICES.region}):\n`,
    );
    print(header.join(" "));
    for (const { label, usage } of results) print(row(label, usage));
    print(row("mix (equal weights)", mean(results.map((result) => result.usage))));
    print("\nLambda GB-s: measured durations on this machine at the configured memory. OpenAI tokens as");
    print(
      `its responses report them, Pinecone units from each request's shape; OpenAI and Pinecone were ${ai.where}.`,
    );
    print("See docs/operations.md, Cost per interaction.");
  } finally {
    await bot.stop();
    ai.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => exitWithError(error));

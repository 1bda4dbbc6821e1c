import { relative, resolve } from "node:path";
import { type LocalBot, startLocalBot } from "../start-local-bot.ts";
import { wantsHelp } from "./args.ts";

// EMF metric lines only matter in CloudWatch; set POWERTOOLS_METRICS_DISABLED=false to see them.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
// The SDK's notice about future Node versions is not actionable while developing locally.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

function discordLine(bot: LocalBot): string {
  switch (bot.discord.kind) {
    case "sink":
      return `local sink at ${bot.discord.apiUrl} (set DISCORD_BOT_TOKEN to answer real Discord)`;
    case "discord":
      return `${bot.discord.apiUrl} (real Discord, bot token set)`;
    case "configured":
      return `${bot.discord.apiUrl} (DISCORD_API_URL)`;
  }
}

function banner(bot: LocalBot, startedMs: number): string {
  const fromHere = relative(process.cwd(), bot.dataDir);
  const dataDir = fromHere.startsWith("..") ? resolve(bot.dataDir) : fromHere || ".";
  return [
    "",
    `  megawatts is running locally (ready in ${(startedMs / 1000).toFixed(1)} s)`,
    "",
    `  Interactions  ${bot.url}/interactions`,
    `  Health        ${bot.url}/health`,
    `  Data          ${dataDir}`,
    `  Public key    ${bot.publicKey}${bot.privateKey ? " (dev key pair)" : " (DISCORD_PUBLIC_KEY)"}`,
    `  Discord REST  ${discordLine(bot)}`,
    "",
    "  Try it:       npm run discord -- status",
    "                npm run discord -- help",
    '                npm run discord -- Remember --message "hello"',
    "                npm run discord -- privacy export",
    "  Stop:         Ctrl-C",
    "",
  ].join("\n");
}

const DEV_USAGE = `Usage: npm run dev

Starts the whole bot on local stand-ins (DynamoDB Local, SQS, S3, KMS, Redis when installed,
a Discord REST sink) and serves interactions at http://127.0.0.1:$PORT/interactions.

Environment: PORT (default 8787), MEGAWATTS_DATA_DIR (default .data), and the variables the
README lists (DISCORD_*, OPENAI_*, PINECONE_*, UPSTASH_*). Ctrl-C stops everything.`;

async function main() {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv, true)) {
    process.stdout.write(`${DEV_USAGE}\n`);
    return;
  }
  if (argv.length > 0) {
    process.stderr.write(`npm run dev takes no arguments (got "${argv[0]}")\n\n${DEV_USAGE}\n`);
    process.exit(64);
  }
  const started = performance.now();
  const bot = await startLocalBot();
  process.stderr.write(`${banner(bot, performance.now() - started)}\n`);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n  ${signal}: stopping…\n`);
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`  could not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`\n  megawatts could not start.\n  ${message.replaceAll("\n", "\n  ")}\n\n`);
  process.exit(1);
});

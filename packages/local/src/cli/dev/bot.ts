import { relative, resolve } from "node:path";
import { type LocalBot, startLocalBot } from "../../start-local-bot.ts";
import type { DevHandoff } from "./supervisor.ts";

// The bot process of `npm run dev`: started by the supervisor with the stand-ins and the sink
// it keeps running, and started again whenever a plugin changes.

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
    "  Reload:       save a file under packages/plugins (the stand-ins keep running)",
    "  Stop:         Ctrl-C",
    "",
  ].join("\n");
}

async function main() {
  const started = performance.now();
  const handoff = JSON.parse(process.env.MEGAWATTS_DEV_HANDOFF ?? "{}") as Partial<DevHandoff>;
  const bot = await startLocalBot({
    ...(handoff.standIns ? { standIns: handoff.standIns } : {}),
    ...(handoff.sinkUrl ? { sinkUrl: handoff.sinkUrl } : {}),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    handoff.reloadedFor
      ? `  ↻ reloaded the bot after a change to ${handoff.reloadedFor} (ready in ${seconds} s; data, queues and stand-ins kept)\n`
      : `${banner(bot, handoff.startedAt ? Date.now() - handoff.startedAt : performance.now() - started)}\n`,
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
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

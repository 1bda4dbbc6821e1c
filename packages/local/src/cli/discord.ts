import {
  CommandOptionsError,
  createSigner,
  DEV_APPLICATION_ID,
  DEV_CHANNEL_ID,
  DEV_GUILD_ID,
  type Scene,
  signatureTimestamp,
} from "@megawatts/discord/simulate";
import { type APIInteractionResponse, InteractionResponseType } from "discord-api-types/v10";
import { readDevKeys } from "../dev-keys.ts";
import { traceRootOf } from "../observability/trace-root.ts";
import type { RecordedSpan } from "../observability/traces.ts";
import { exitWithError, parseSimulatorArgs, USAGE, UsageError, wantsHelp } from "./args.ts";
import { showAttachments } from "./attachments.ts";
import { buildInteraction, type ComponentMessage } from "./build-interaction.ts";
import { followInteraction } from "./follow.ts";
import { actInGuild, fetchGuild, memberScene, renderGuild, sayInSink, sinkBase } from "./guild.ts";
import { renderResponse, renderSinkEvent } from "./render.ts";
import { rememberShown, shownMessage } from "./shown-messages.ts";
import { renderWaterfall } from "./waterfall.ts";

interface BotHealth {
  applicationId?: string;
  discord?: { kind: string; apiUrl: string };
}

const print = (text = "") => process.stdout.write(`${text}\n`);

/** With `--trace`: the interaction's trace, printed once its job has ended (or it was answered). */
let traceToPrint: { url: string; root: string | undefined } | undefined;

async function botHealth(url: string): Promise<BotHealth> {
  let response: Response;
  try {
    response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
  } catch {
    throw new UsageError(`nothing answers at ${url}. Start the bot first: npm run dev`);
  }
  if (response.status === 503)
    throw new UsageError(`the bot at ${url} is still starting; try again in a moment`);
  return (await response.json()) as BotHealth;
}

async function signingKey(dataDir: string): Promise<string> {
  const keys = await readDevKeys(dataDir);
  if (!keys)
    throw new UsageError(
      `no dev key pair in ${dataDir}/. Start the bot once with npm run dev (it makes one).`,
    );
  return keys.privateKey;
}

async function main(argv: string[]) {
  const args = parseSimulatorArgs(argv);
  if (!args.action || wantsHelp(argv)) return print(USAGE);
  const raw = args.options.some(([name, value]) => name === "raw" && value !== "false");
  const saveDir = args.options.find(([name]) => name === "save")?.[1];
  // Slow jobs (a self-edit's model rounds) go quiet for a while between edits.
  const waitSeconds = Number(args.options.find(([name]) => name === "wait")?.[1] ?? 3);
  if (!Number.isFinite(waitSeconds) || waitSeconds <= 0)
    throw new UsageError("--wait takes a number of seconds");
  const url = (
    args.options.find(([name]) => name === "url")?.[1] ?? `http://localhost:${process.env.PORT || 8787}`
  ).replace(/\/+$/, "");
  const health = await botHealth(url);
  const applicationId = health.applicationId ?? process.env.DISCORD_APPLICATION_ID ?? DEV_APPLICATION_ID;
  const option = (...names: string[]) => args.options.find(([name]) => names.includes(name))?.[1];
  const guildId = option("guild", "in-guild") ?? DEV_GUILD_ID;
  const sink = health.discord?.kind === "sink" ? sinkBase(health.discord.apiUrl) : undefined;
  if (args.action === "guild") {
    if (!sink)
      throw new UsageError("guild shows the local sink's servers; the bot is talking to real Discord");
    const guild = await fetchGuild(sink, guildId);
    if (!guild) throw new UsageError(`the sink models no server ${guildId}`);
    return print(raw ? JSON.stringify(guild, null, 2) : renderGuild(guild));
  }
  if (args.action === "act") {
    if (!sink)
      throw new UsageError("act works on the local sink's servers; the bot is talking to real Discord");
    const minutes = option("minutes");
    const entry = await actInGuild(sink, guildId, {
      action: args.positionals[0],
      as: option("as"),
      target: option("target"),
      ...(option("reason") ? { reason: option("reason") } : {}),
      ...(minutes ? { minutes: Number(minutes) } : {}),
    });
    return print(`✓ done as a person in Discord's UI; audit-log entry ${entry}`);
  }
  if (args.action === "say") {
    if (!sink)
      throw new UsageError("say posts in the local sink's servers; the bot is talking to real Discord");
    const [text, attachments] = [option("text"), option("attachments")];
    const channelId = option("channel", "in-channel");
    return print(await sayInSink(sink, { channelId, userId: option("user", "as-user"), text, attachments }));
  }
  // --user (or --as-user, when the command has a "user" option of its own) names a member of
  // the sink's server: its roles and real permissions go with it.
  const userId = option("as-user") ?? option("user");
  const guild = sink && userId ? await fetchGuild(sink, guildId) : undefined;
  let member: Partial<Scene> = {};
  if (guild && userId) {
    const { permissions, ...rest } = memberScene(
      guild,
      userId,
      option("channel", "in-channel") ?? DEV_CHANNEL_ID,
    );
    member = args.options.some(([name]) => name === "admin")
      ? rest
      : { ...rest, ...(permissions ? { permissions } : {}) };
  }
  const dataDir = process.env.MEGAWATTS_DATA_DIR || ".data";
  const message =
    args.action === "component" && health.discord?.kind === "sink"
      ? await clickedMessage(health.discord.apiUrl, dataDir, args.positionals[0] ?? "")
      : undefined;
  const interaction = buildInteraction(args, applicationId, member, message);
  const signer = createSigner(await signingKey(dataDir));

  const body = JSON.stringify(interaction);
  const response = await fetch(`${url}/interactions`, {
    method: "POST",
    body,
    headers: signer.headers(body, signatureTimestamp()),
  });
  const text = await response.text();
  if (args.options.some(([name, value]) => name === "trace" && value !== "false")) {
    traceToPrint = { url, root: traceRootOf(response.headers.get("x-amzn-trace-id")) };
  }
  if (!response.ok) {
    print(`✗ HTTP ${response.status}: ${text}`);
    if (response.status === 401)
      print(
        "  The bot does not trust the dev key: is DISCORD_PUBLIC_KEY set for it, or another MEGAWATTS_DATA_DIR?",
      );
    process.exitCode = 1;
    return;
  }
  const answer = JSON.parse(text) as APIInteractionResponse;
  print(raw ? JSON.stringify(answer, null, 2) : renderResponse(answer));
  if ("data" in answer && answer.data && "components" in answer.data)
    await rememberShown(dataDir, answer.data as Parameters<typeof rememberShown>[1]);

  const deferred =
    answer.type === InteractionResponseType.DeferredChannelMessageWithSource ||
    answer.type === InteractionResponseType.DeferredMessageUpdate;
  if (!deferred) return;
  if (health.discord?.kind !== "sink") {
    print(
      `(follow-ups go to ${health.discord?.apiUrl ?? "Discord"}; the simulator shows only the local sink's)`,
    );
    return;
  }
  print("⏳ Waiting for the job to edit the reply…");
  const { count, ended } = await followInteraction({
    sinkUrl: health.discord.apiUrl,
    token: interaction.token,
    jobState: () => jobState(url, interaction.id),
    onState: (state) => {
      if (state === "retrying") print("↻ The job failed; the queue will retry it (see the bot's log).");
    },
    idleMs: waitSeconds * 1000,
    totalMs: Math.max(15 * 60_000, waitSeconds * 10_000),
    onEvent: async (event) => {
      const { files = [], ...rest } = event;
      print(`\n${raw ? JSON.stringify(rest, null, 2) : renderSinkEvent(event)}`);
      if (files.length > 0) print(await showAttachments(files, saveDir));
    },
  });
  if (count === 0)
    print(
      ended
        ? "\n(the job ended without editing the reply; see the bot's log for this interaction)"
        : "\n(no edit or follow-up arrived; see the bot's log for this interaction)",
    );
}

/** What became of the interaction's job, or `undefined` when the bot does not say. */
async function jobState(url: string, id: string): Promise<string | undefined> {
  const response = await fetch(`${url}/_local/jobs/${id}`).catch(() => undefined);
  if (!response?.ok) return undefined;
  return ((await response.json()) as { state?: string }).state;
}

/**
 * The message the bot showed a button on: from the local sink's record when the bot sent or
 * edited it, else from the inline answers the simulator printed.
 */
async function clickedMessage(sinkUrl: string, dataDir: string, customId: string): Promise<ComponentMessage> {
  if (!customId) return undefined;
  const found = await fetch(
    `${new URL(sinkUrl).origin}/_sink/messages?custom_id=${encodeURIComponent(customId)}`,
  ).catch(() => undefined);
  if (found?.ok) return (await found.json()) as ComponentMessage;
  const shown = await shownMessage(dataDir, customId);
  if (shown) return shown;
  print(`(no message with a "${customId}" button was shown here; the click carries an empty message)`);
  return undefined;
}

/** Prints the interaction's trace as the local bot recorded it. */
async function printTrace(trace: NonNullable<typeof traceToPrint>) {
  if (!trace.root) return print("\n(the bot sent no trace id: is it the local bot?)");
  const found = await fetch(`${trace.url}/_local/traces/${trace.root}`).catch(() => undefined);
  if (!found?.ok) return print(`\n(the bot at ${trace.url} keeps no traces)`);
  const { spans } = (await found.json()) as { spans: RecordedSpan[] };
  print(`\n${renderWaterfall(spans)}\nX-Ray trace id: ${trace.root}`);
}

main(process.argv.slice(2))
  .then(() => (traceToPrint ? printTrace(traceToPrint) : undefined))
  .catch((error: unknown) => exitWithError(error, [CommandOptionsError]));

import { type ChildProcess, fork } from "node:child_process";
import { type FSWatcher, watch } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createLocalClients } from "../../clients.ts";
import { parseLocalConfig } from "../../config.ts";
import { discordTarget } from "../../deployment.ts";
import { startDiscordSink } from "../../discord-sink.ts";
import { loadChannelHistory } from "../../discord-sink-history.ts";
import { loadGuildFixture, sinkGuildOptions } from "../../sink/guild/index.ts";
import { provisionLocalResources, resourceNames } from "../../stand-ins/provision.ts";
import { writeRunningStandIns } from "../../stand-ins/running-stand-ins.ts";
import { startStandIns } from "../../stand-ins/start-stand-ins.ts";

const REPO = fileURLToPath(new URL("../../../../../", import.meta.url));
const BOT = fileURLToPath(new URL("./bot.ts", import.meta.url));
/** Where plugins live: a change here reloads the bot, never the stand-ins. */
const WATCHED = ["packages/plugins", "packages/catalog"];
const QUIET_MS = 150;

/** What the bot process is told about the long-lived parts it reuses. */
export interface DevHandoff {
  standIns: Awaited<ReturnType<typeof startStandIns>>["endpoints"];
  sinkUrl?: string;
  /** The file whose change caused this start; absent on the first start. */
  reloadedFor?: string;
  /** When `npm run dev` started (epoch ms), for the banner's start-up time. */
  startedAt?: number;
}

/**
 * `npm run dev`: starts the stand-ins and the Discord sink once, then runs the bot (dev server,
 * handlers, queue runners, scheduler) in a child process, and starts a fresh child whenever a
 * plugin's source changes, printing one line; data, queues and the sink's state survive.
 */
export async function superviseDev() {
  const startedAt = Date.now();
  const config = parseLocalConfig(process.env);
  const standIns = await startStandIns({ dataDir: config.dataDir, redis: !config.upstash });
  const sink =
    discordTarget(config).kind === "sink"
      ? await startDiscordSink({
          history: await loadChannelHistory(config.sinkFixture),
          guilds: [await loadGuildFixture(config.sinkGuild)],
          ...sinkGuildOptions(config),
        })
      : undefined;
  const clients = createLocalClients(standIns.endpoints);
  const resources = await provisionLocalResources(clients, resourceNames());
  clients.destroy();
  // Tools such as the privacy CLI find the stand-ins of a bot that owns its data dir here.
  const forget = await writeRunningStandIns(config.dataDir, {
    pid: process.pid,
    endpoints: standIns.endpoints,
    resources,
  });

  const handoff: DevHandoff = {
    standIns: standIns.endpoints,
    ...(sink ? { sinkUrl: sink.url } : {}),
    startedAt,
  };
  const bot = reloadOnChange({
    root: REPO,
    folders: WATCHED,
    start: (reloadedFor) => startBot(reloadedFor ? { ...handoff, reloadedFor } : handoff),
    stop: stopBot,
  });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n  ${signal}: stopping…\n`);
    await bot.close();
    await sink?.close();
    await forget();
    await standIns.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

function startBot(handoff: DevHandoff): ChildProcess {
  // The same TypeScript loader as this process (tsx), so the child runs the sources as they are now.
  const child = fork(BOT, [], {
    execArgv: process.execArgv,
    env: { ...process.env, MEGAWATTS_DEV_HANDOFF: JSON.stringify(handoff) },
    stdio: "inherit",
  });
  child.on("exit", (code, signal) => {
    if (code && code !== 0 && !signal)
      process.stderr.write(`  the bot exited with code ${code}; fix the error and save again to reload\n`);
  });
  return child;
}

function stopBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * Runs `start()` and, after each burst of saves to a source file under `folders` (editors write
 * several times), stops what runs and starts it again with the changed file's path. Test files
 * and dependencies are ignored. `close()` stops watching and stops what runs.
 *
 * @example
 * const running = reloadOnChange({ root, folders: ["packages/plugins"], start: spawnBot, stop: killBot });
 */
export function reloadOnChange<T>(options: {
  root: string;
  folders: readonly string[];
  start(reloadedFor?: string): T;
  stop(running: T): Promise<void>;
  quietMs?: number;
}) {
  let running = options.start();
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let changed = "";
  const watchers: FSWatcher[] = options.folders.map((folder) =>
    watch(join(options.root, folder), { recursive: true }, (_event, name) => {
      if (!name || !/\.(ts|json)$/.test(name) || name.includes("node_modules") || name.endsWith(".test.ts"))
        return;
      changed = relative(options.root, join(options.root, folder, name));
      clearTimeout(timer);
      timer = setTimeout(() => {
        chain = chain.then(async () => {
          await options.stop(running);
          running = options.start(changed);
        });
      }, options.quietMs ?? QUIET_MS);
    }),
  );
  return {
    current: () => running,
    async close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      await chain;
      await options.stop(running);
    },
  };
}

import { silentLogger } from "@megawatts/core";
import { DEFAULT_DISCORD_API_URL } from "@megawatts/discord/rest";
import { createWorkerPorts } from "@megawatts/runtime/worker";
import { createLocalClients } from "../clients.ts";
import { parseLocalConfig } from "../config.ts";
import { discordTarget, localDeployment } from "../deployment.ts";
import { provisionLocalResources, resourceNames } from "../stand-ins/provision.ts";
import { readRunningStandIns } from "../stand-ins/running-stand-ins.ts";
import { startStandIns } from "../stand-ins/start-stand-ins.ts";

/**
 * The ports an operators' CLI works on, built by the same composition root as the bot: the
 * stand-ins of the local bot running on the data dir, else stand-ins it starts on that data
 * dir itself (and stops again on `close`). The hot tier lives only while a bot runs, so no
 * Redis is started here.
 *
 * @example
 * const local = await localCliServices(process.env);
 * try { ... local.services ... } finally { await local.close(); }
 */
export async function localCliServices(env: Record<string, string | undefined>) {
  const config = parseLocalConfig(env);
  const running = await readRunningStandIns(config.dataDir);
  const standIns = running
    ? { endpoints: running.endpoints, close: async () => {} }
    : await startStandIns({ dataDir: config.dataDir, redis: false });
  const clients = createLocalClients(standIns.endpoints);
  const close = async () => {
    clients.destroy();
    await standIns.close();
  };
  try {
    const resources = running?.resources ?? (await provisionLocalResources(clients, resourceNames()));
    const target = discordTarget(config);
    const deployment = localDeployment({
      config,
      resources,
      endpoints: standIns.endpoints,
      // A CLI reads channel history only from a configured Discord, never a bot's own sink.
      discordApiUrl: target.kind === "sink" ? DEFAULT_DISCORD_API_URL : target.apiUrl,
      sink: false,
    });
    const services = createWorkerPorts({ deployment, clients, logger: silentLogger });
    const where = running
      ? `the running local bot's stand-ins (${config.dataDir})`
      : `local stand-ins on ${config.dataDir}`;
    return { config, running, services, where, close };
  } catch (error) {
    await close();
    throw error;
  }
}

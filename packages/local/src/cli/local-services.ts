import { createKnowledgeServices } from "@megawatts/ai/knowledge";
import { silentLogger } from "@megawatts/core";
import { createLocalClients } from "../clients.ts";
import { parseLocalConfig } from "../config.ts";
import { localKnowledgeConfig } from "../knowledge-wiring.ts";
import { provisionLocalResources, resourceNames } from "../stand-ins/provision.ts";
import { readRunningStandIns } from "../stand-ins/running-stand-ins.ts";
import { startStandIns } from "../stand-ins/start-stand-ins.ts";
import { localStorageServices } from "../wiring.ts";

/**
 * The storage and knowledge services an operators' CLI works on: the stand-ins of the local
 * bot running on the data dir, else stand-ins it starts on that data dir itself (and stops
 * again on `close`). The hot tier lives only while a bot runs, so no Redis is started here.
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
    const storage = localStorageServices(
      clients,
      resources,
      { config, endpoints: standIns.endpoints },
      silentLogger,
    );
    const services = {
      ...storage,
      knowledge: createKnowledgeServices(storage, localKnowledgeConfig(config)),
    };
    const where = running
      ? `the running local bot's stand-ins (${config.dataDir})`
      : `local stand-ins on ${config.dataDir}`;
    return { config, running, services, where, close };
  } catch (error) {
    await close();
    throw error;
  }
}

import { createKnowledgeServices } from "@megawatts/ai/knowledge";
import { type KnowledgeDeps, rememberedMessageSink, silentLogger, systemClock } from "@megawatts/core";
import { createLocalClients } from "../../clients.ts";
import { parseLocalConfig } from "../../config.ts";
import { localKnowledgeConfig } from "../../knowledge-wiring.ts";
import { provisionLocalResources, resourceNames } from "../../stand-ins/provision.ts";
import { readRunningStandIns } from "../../stand-ins/running-stand-ins.ts";
import { startStandIns } from "../../stand-ins/start-stand-ins.ts";
import { localStorageServices } from "../../wiring.ts";

/** The knowledge pipeline on the local data, where it is, and what closes it. */
export interface KnowledgeRuntime {
  deps: KnowledgeDeps;
  /** Says where the data is, e.g. "the running local bot's stand-ins (.data)". */
  where: string;
  close(): Promise<void>;
}

/**
 * The knowledge deps the bot's commands use (`createKnowledgeServices` with the local
 * configuration: OpenAI and Pinecone when configured, else the hashed n-gram embedder and the
 * local index under `<data dir>/vectors`), with message text stored as `remembered-message`
 * items audited as asked by `requestedBy` (default `0`: the operator). Uses the stand-ins of the local bot running on the data dir, else starts its own
 * there (and stops them on `close`).
 *
 * @example
 * const runtime = await knowledgeRuntime(process.env);
 * try { await ingestMessages(runtime.deps, guild, messages); } finally { await runtime.close(); }
 */
export async function knowledgeRuntime(
  env: Record<string, string | undefined>,
  options: { requestedBy?: string } = {},
): Promise<KnowledgeRuntime> {
  const config = parseLocalConfig(env);
  const running = await readRunningStandIns(config.dataDir);
  const standIns = running
    ? { endpoints: running.endpoints, close: async () => {} }
    : await startStandIns({ dataDir: config.dataDir, redis: false });
  const clients = createLocalClients(standIns.endpoints);
  try {
    const resources = running?.resources ?? (await provisionLocalResources(clients, resourceNames()));
    const services = localStorageServices(
      clients,
      resources,
      { config, endpoints: standIns.endpoints },
      silentLogger,
    );
    const knowledge = createKnowledgeServices(services, localKnowledgeConfig(config));
    const sink = rememberedMessageSink({
      services,
      clock: systemClock,
      requestedBy: options.requestedBy ?? "0",
    });
    const deps: KnowledgeDeps = { ...(await knowledge.deps()), sink };
    const where = running
      ? `the running local bot's stand-ins (${config.dataDir})`
      : `local stand-ins on ${config.dataDir}`;
    const close = async () => {
      clients.destroy();
      await standIns.close();
    };
    return { deps, where, close };
  } catch (error) {
    clients.destroy();
    await standIns.close();
    throw error;
  }
}

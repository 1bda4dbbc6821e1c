import { join } from "node:path";
import { createHashEmbedder, openLocalVectorIndex } from "@megawatts/ai/local";
import {
  cachedEmbeddingModel,
  createDocumentKeywordStore,
  createKeywordIndex,
  createMemoryEmbeddingStore,
  type KnowledgeDeps,
  profileOptOuts,
  rememberedMessageSink,
  rememberedMessageSource,
  sealedTermKeys,
  silentLogger,
  systemClock,
} from "@megawatts/core";
import { createLocalClients } from "../../clients.ts";
import { parseLocalConfig } from "../../config.ts";
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
 * The knowledge deps the commands would use, on local data: the keyword index in the table
 * (`keyword-index` items, term key sealed with the local KMS), vectors in the local index under
 * `<data dir>/vectors`, the local hashed n-gram embedder, opt-outs from the data layer, and
 * message text stored and read as `remembered-message` items (audited as asked by
 * `requestedBy`, default `0`: the operator). Uses the stand-ins of the local bot running on the data dir, else starts its own
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
    const { data, envelope } = services;
    const store = createDocumentKeywordStore({ documents: data.documents, classes: data.classes });
    const deps: KnowledgeDeps = {
      embeddings: cachedEmbeddingModel(createHashEmbedder(), createMemoryEmbeddingStore()),
      vectors: await openLocalVectorIndex({ dir: join(config.dataDir, "vectors") }),
      keywords: createKeywordIndex({ store, termKeys: sealedTermKeys({ envelope, store }), envelope }),
      optOuts: profileOptOuts(data.documents),
      messages: rememberedMessageSource({ data: data.deps, envelope }),
      sink: rememberedMessageSink({ services, clock: systemClock, requestedBy: options.requestedBy ?? "0" }),
      cache: services.cache,
      envelope,
    };
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

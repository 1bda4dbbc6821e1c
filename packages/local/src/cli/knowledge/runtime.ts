import { type KnowledgeDeps, rememberedMessageSink, systemClock } from "@megawatts/core";
import { localCliServices } from "../local-services.ts";

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
  const local = await localCliServices(env);
  try {
    const sink = rememberedMessageSink({
      services: local.services,
      clock: systemClock,
      requestedBy: options.requestedBy ?? "0",
    });
    const deps: KnowledgeDeps = { ...(await local.services.knowledge.deps()), sink };
    return { deps, where: local.where, close: local.close };
  } catch (error) {
    await local.close();
    throw error;
  }
}

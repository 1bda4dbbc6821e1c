import {
  isNoVectorIndex,
  type JobContext,
  type KnowledgeDeps,
  KnowledgeInputError,
  type KnowledgeServices,
  VisibleError,
} from "@megawatts/core";

/** The guild of a job's interaction (every knowledge command is guild-only). */
export function guildOf({ job }: JobContext): string {
  if (!job.interaction.guildId) throw new VisibleError("This works inside a server.");
  return job.interaction.guildId;
}

/**
 * Runs an engine call, turning what the member can act on into a visible message: bad input,
 * an expired or foreign cursor, and semantic search where no vector index is configured.
 *
 * @example
 * const page = await withEngine(knowledge, (deps) => search(deps, input));
 */
export async function withEngine<T>(
  knowledge: KnowledgeServices,
  work: (deps: KnowledgeDeps) => Promise<T>,
): Promise<T> {
  const deps = await knowledge.deps();
  try {
    return await work(deps);
  } catch (error) {
    if (error instanceof KnowledgeInputError) throw new VisibleError(error.message, { cause: error });
    if (isNoVectorIndex(error))
      throw new VisibleError(
        "Semantic search needs a vector index, and this deployment has none: use `mode:keyword` (the default) or `mode:hybrid`.",
        { cause: error },
      );
    throw error;
  }
}

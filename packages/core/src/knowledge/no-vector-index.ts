import { KnowledgeServiceError, type VectorIndex } from "./ports.ts";

/**
 * The vector index of a deployment that has none (Lambda without Pinecone): writes are
 * dropped and queries fail as a non-retryable vector-service error, so keyword search and
 * answers work, hybrid search degrades to keywords (and says so), and semantic search is
 * refused with a clear message.
 *
 * @example
 * const vectors = pinecone ? await pineconeIndex() : noVectorIndex();
 */
export function noVectorIndex(): VectorIndex {
  return {
    upsert: async () => {},
    query: async () => {
      throw new KnowledgeServiceError("vectors", "no vector index is configured", { retryable: false });
    },
    delete: async () => {},
    deleteByFilter: async () => 0,
  };
}

/**
 * Whether an error says that the deployment has no vector index (see `noVectorIndex`).
 *
 * @example
 * if (isNoVectorIndex(error)) throw new VisibleError("Semantic search is not configured here.");
 */
export function isNoVectorIndex(error: unknown): boolean {
  return (
    error instanceof KnowledgeServiceError &&
    error.service === "vectors" &&
    error.message === "no vector index is configured"
  );
}

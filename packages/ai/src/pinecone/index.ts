export * from "./pinecone-vector-index.ts";
export { planUpserts, toPineconeFilter, UPSERT_LIMITS } from "./records.ts";

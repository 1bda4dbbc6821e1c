export * from "./batches.ts";
export * from "./chat.ts";
export * from "./client.ts";
export * from "./embeddings.ts";

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHashEmbedder, openLocalVectorIndex } from "@megawatts/ai/local";
import {
  cachedEmbeddingModel,
  createDocumentKeywordStore,
  createKeywordIndex,
  createMemoryEmbeddingStore,
  type KnowledgeDeps,
  type KnowledgeMessage,
  profileOptOuts,
  rememberedMessageSink,
  rememberedMessageSource,
  sealedTermKeys,
  silentLogger,
  systemClock,
} from "@megawatts/core";
import { provisionLocalResources, resourceNames } from "@megawatts/local";
import { createStorageServices } from "@megawatts/runtime/storage";
import { inject } from "vitest";
import { standInClients, uniquePrefix } from "./helpers.ts";

const dirs: string[] = [];

/** Removes the vector directories the fixtures made; call from `afterAll`. */
export async function removeKnowledgeDirs() {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * The knowledge pipeline on the shared stand-ins, as the local runtime wires it: keyword log in
 * a table of its own on DynamoDB Local with the term key sealed by the local KMS, vectors in the
 * local index on disk, the hashed n-gram embedder, message text stored and read as sealed
 * `remembered-message` items, the hot tier on the Upstash bridge when redis-server is present.
 */
export async function knowledgeFixture(label: string) {
  const standIns = inject("standIns");
  const clients = standInClients();
  const resources = await provisionLocalResources(clients, resourceNames(uniquePrefix(label)));
  const services = createStorageServices({
    clients,
    deployment: {
      tableName: resources.tableName,
      bucketName: resources.bucketName,
      keyTableName: resources.keyTableName,
      keyArn: standIns.kms.keyArn,
      upstash: standIns.upstash,
    },
    logger: silentLogger,
  });
  const vectorDir = await mkdtemp(join(tmpdir(), "megawatts-knowledge-"));
  dirs.push(vectorDir);
  const { data, envelope } = services;
  const open = async (): Promise<KnowledgeDeps> => {
    const store = createDocumentKeywordStore({ documents: data.documents, classes: data.classes });
    return {
      embeddings: cachedEmbeddingModel(createHashEmbedder(), createMemoryEmbeddingStore()),
      vectors: await openLocalVectorIndex({ dir: vectorDir }),
      keywords: createKeywordIndex({ store, termKeys: sealedTermKeys({ envelope, store }), envelope }),
      optOuts: profileOptOuts(data.documents),
      messages: rememberedMessageSource({ data: data.deps, envelope }),
      sink: rememberedMessageSink({ services, clock: systemClock, requestedBy: "80351110224678900" }),
      cache: services.cache,
      envelope,
    };
  };
  return { clients, resources, services, vectorDir, deps: await open(), reopen: open };
}

let sequence = 0n;

/** A message with a fresh snowflake id in `channelId`, written by `authorId`. */
export function knowledgeMessage(
  content: string,
  authorId: string,
  over: Partial<KnowledgeMessage> = {},
): KnowledgeMessage {
  sequence += 1n;
  const createdAt = Date.parse("2026-02-01T10:00:00Z") + Number(sequence) * 60_000;
  const id =
    ((BigInt(createdAt) - 1_420_070_400_000n) << 22n) + (BigInt(process.pid % 1024) << 12n) + sequence;
  return { id: id.toString(), channelId: "1100000000000000003", authorId, createdAt, content, ...over };
}

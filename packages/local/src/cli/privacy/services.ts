import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { type PluginPorts, silentLogger } from "@megawatts/core";
import { createKnowledgeServices } from "@megawatts/runtime/knowledge";
import { createStorageServices } from "@megawatts/runtime/storage";
import { localCliServices } from "../local-services.ts";
import { insideSstShell, sstResources } from "./sst-resources.ts";

/** The storage the CLI works on, where it is, and what closes it. */
export interface PrivacyRuntime {
  services: Pick<PluginPorts, "data" | "envelope" | "subjectKeys" | "cache" | "knowledge">;
  /** Says where the data is, e.g. "the running local bot's stand-ins (.data)". */
  where: string;
  /** What the operator should know about a tier this runtime cannot fully reach. */
  notes: string[];
  close(): Promise<void>;
}

function awsRuntime(env: Record<string, string | undefined>): PrivacyRuntime {
  const resources = sstResources(env);
  const clients = { dynamodb: new DynamoDBClient({}), s3: new S3Client({}), kms: new KMSClient({}) };
  const storage = createStorageServices({ clients, deployment: resources, logger: silentLogger });
  // Erasure reaches the stage's indexes: the keyword index in the table, vectors in Pinecone.
  const pinecone = resources.pinecone ? { pinecone: resources.pinecone } : {};
  const services = { ...storage, knowledge: createKnowledgeServices(storage, pinecone) };
  const notes = resources.upstash
    ? []
    : ["hot tier: this stage has no Upstash, so nothing is cached between runs"];
  const close = async () => {
    for (const client of Object.values(clients)) client.destroy();
  };
  return { services, where: `AWS (table ${resources.tableName})`, notes, close };
}

async function localRuntime(env: Record<string, string | undefined>): Promise<PrivacyRuntime> {
  const { config, running, services, where, close } = await localCliServices(env);
  const notes: string[] = [];
  if (!running) notes.push("hot tier: no local bot runs on this data dir, so nothing is cached");
  else if (!running.endpoints.upstash && !config.upstash)
    notes.push(
      "hot tier: the running bot caches in its own memory (no redis-server), out of reach; entries expire within an hour",
    );
  return { services, where, notes, close };
}

/**
 * The data services the privacy CLI works on: the stage's resources inside `sst shell`, else
 * the stand-ins of the local bot running on the data dir, else stand-ins it starts on that
 * data dir itself (and stops again on `close`).
 *
 * @example
 * const runtime = await privacyRuntime(process.env);
 * try { ... runtime.services ... } finally { await runtime.close(); }
 */
export async function privacyRuntime(env: Record<string, string | undefined>): Promise<PrivacyRuntime> {
  return insideSstShell(env) ? awsRuntime(env) : localRuntime(env);
}

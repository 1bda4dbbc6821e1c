import { createHash } from "node:crypto";
import {
  createEnvelope,
  createWarmData,
  type Logger,
  type Metrics,
  SealedSchema,
  systemClock,
} from "@megawatts/core";
import {
  createDiscordRest,
  createInteractionRest,
  DiscordChannelMessages,
  DiscordResponder,
} from "@megawatts/discord/rest";
import { createSelfEditPipeline, type PipelineDeps } from "@megawatts/plugin-selfedit/pipeline";
import {
  createIdempotencyStore,
  DynamoDocumentStore,
  DynamoJobKeys,
  DynamoSubjectKeyStore,
} from "@megawatts/storage/dynamodb";
import { KmsKeyService } from "@megawatts/storage/kms";
import type { Deployment, SdkClients } from "../deployment.ts";
import type { Backoff, DeadLetterSink } from "../events/sqs-worker.ts";
import type { Tracing } from "../observability.ts";
import { composeWorker, deploymentCatalog } from "./worker.ts";

export interface SelfEditParts {
  deployment: Pick<Deployment, "tableName" | "keyTableName" | "keyArn" | "discord">;
  clients: Pick<SdkClients, "dynamodb" | "kms">;
  /** The model, the repository writer, the settings and validation options of this runtime. */
  pipeline: PipelineDeps;
  logger: Logger;
  metrics: Metrics;
  backoff: Backoff;
  /** Tries in all before a request is dead-lettered. */
  maxAttempts?: number;
  /** Where requests that will not succeed are kept, with their reason. */
  deadLetter?: DeadLetterSink;
  tracing?: Tracing;
  afterEach?: () => void;
}

/**
 * The worker of the FIFO self-edit queue and its dead-letter queue: the self-edit pipeline,
 * on the warm tier and the keys only (self-edit records keep no cold data, so this worker is
 * not linked to the bucket).
 *
 * @example
 * const selfEdit = composeSelfEditWorker({ deployment, clients, pipeline, logger, metrics, backoff });
 */
export function composeSelfEditWorker(parts: SelfEditParts) {
  const { dynamodb, kms } = parts.clients;
  const { deployment } = parts;
  const warm = createWarmData({
    store: new DynamoDocumentStore({ client: dynamodb, tableName: deployment.tableName }),
    isSealed: (value) => SealedSchema.safeParse(value).success,
  });
  const subjectKeys = new DynamoSubjectKeyStore(dynamodb, deployment.keyTableName);
  const envelope = createEnvelope({ keys: new KmsKeyService(kms, deployment.keyArn), store: subjectKeys });
  const { apiUrl, botToken } = deployment.discord;
  // Interaction webhooks need no bot token; the proposal messages edited for the dashboard do.
  const messages = new DiscordChannelMessages(createDiscordRest({ apiUrl, token: botToken }));
  return composeWorker({
    plugins: [createSelfEditPipeline({ ...parts.pipeline, messages })],
    ports: { warm, envelope, plugins: deploymentCatalog(warm), clock: systemClock },
    responder: new DiscordResponder(createInteractionRest({ apiUrl }), { logger: parts.logger }),
    persistenceStore: createIdempotencyStore({ client: dynamodb, tableName: deployment.tableName }),
    jobKeys: new DynamoJobKeys(dynamodb, deployment.keyTableName),
    logger: parts.logger,
    metrics: parts.metrics,
    backoff: parts.backoff,
    ...(parts.maxAttempts ? { maxAttempts: parts.maxAttempts } : {}),
    ...(parts.deadLetter ? { deadLetter: parts.deadLetter } : {}),
    ...(parts.afterEach ? { afterEach: parts.afterEach } : {}),
    ...(parts.tracing ? { tracing: parts.tracing } : {}),
  });
}

/**
 * The FIFO message group of a repository: one self-edit job at a time per repository.
 *
 * @example
 * repositoryGroup("megawatts/megawatts") // "repo-1f0c…"
 */
export function repositoryGroup(repository: string): string {
  return `repo-${createHash("sha256").update(repository).digest("hex").slice(0, 16)}`;
}

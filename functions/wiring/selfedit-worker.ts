import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createHashEmbedder } from "@megawatts/ai/local";
import { createOpenAiChat, createOpenAiClient } from "@megawatts/ai/openai";
import {
  type BlobStore,
  Breakers,
  createDataServices,
  createEnvelope,
  createMemoryCache,
  createMultiLevelCache,
  guardedChat,
  guardedResponder,
  SELFEDIT_RETRY_SCHEDULE,
  SealedSchema,
  systemClock,
  VisibleError,
  type WorkerServices,
} from "@megawatts/core";
import { createDiscordRest, DiscordResponder } from "@megawatts/discord/rest";
import { composeWorker } from "@megawatts/lambda/compose-worker";
import { createLogger, createMetrics, toCoreLogger, toCoreMetrics } from "@megawatts/lambda/observability";
import { selfEditSettings } from "@megawatts/plugin-selfedit/config";
import { createSelfEditPipeline } from "@megawatts/plugin-selfedit/pipeline";
import { guardedWriter, type RepositoryWriter } from "@megawatts/selfedit";
import { createGithubWriter } from "@megawatts/selfedit/github";
import {
  createIdempotencyStore,
  DynamoDocumentStore,
  DynamoSubjectKeyStore,
} from "@megawatts/storage/dynamodb";
import { KmsKeyService } from "@megawatts/storage/kms";
import { sqsDeadLetterSink, visibilityBackoff } from "@megawatts/storage/sqs";
import { Resource } from "sst/resource";

// Clients are built once per container and reused by every invocation.
const dynamodb = new DynamoDBClient({});
const sqs = new SQSClient({});
export const logger = toCoreLogger(createLogger("selfedit"));
export const metrics = createMetrics("selfedit");
/** One breaker per outside service, for this container: GitHub, OpenAI, Discord. */
const breakers = new Breakers();

// Self-edit records live in the warm tier only; this worker is not linked to the bucket.
const noColdTier: BlobStore = {
  put: async () => Promise.reject(new Error("the self-edit worker keeps no cold data")),
  get: async () => undefined,
  list: async () => ({ items: [] }),
  delete: async () => {},
};

const subjectKeys = new DynamoSubjectKeyStore(dynamodb, Resource.KeyTable.name);
const services: WorkerServices = {
  healthChecks: [],
  data: createDataServices({
    store: new DynamoDocumentStore({ client: dynamodb, tableName: Resource.Table.name }),
    blobs: noColdTier,
    logger,
    isSealed: (value) => SealedSchema.safeParse(value).success,
  }),
  envelope: createEnvelope({
    keys: new KmsKeyService(new KMSClient({}), Resource.DataKey.arn),
    store: subjectKeys,
  }),
  subjectKeys,
  cache: createMultiLevelCache({ l1: { maxEntries: 100, ttlMs: 5_000 }, l2: createMemoryCache() }),
};

/** The GitHub App from the linked secrets; until they are set, requests are told what is missing. */
function repositoryWriter(): RepositoryWriter {
  const app = {
    appId: Resource.GithubAppId.value,
    privateKey: Resource.GithubAppPrivateKey.value,
    installationId: Resource.GithubInstallationId.value,
    repository: Resource.GithubRepository.value,
  };
  if (Object.values(app).every((value) => value.trim() !== ""))
    return guardedWriter(createGithubWriter(app), breakers);
  const refuse = async (): Promise<never> => {
    throw new VisibleError("Self-editing is not set up: the GitHub App secrets (GithubAppId, …) are empty.");
  };
  return { repository: "unconfigured", snapshot: refuse, openPullRequest: refuse, revert: refuse };
}

const openAiKey = Resource.OpenAiApiKey.value.trim();

// Interaction webhooks need no bot token.
const webhooks = new DiscordResponder(createDiscordRest(), { logger });

export const selfEditWorkers = composeWorker({
  plugins: [
    createSelfEditPipeline({
      chat: openAiKey
        ? guardedChat(createOpenAiChat({ client: createOpenAiClient({ apiKey: openAiKey }) }), breakers)
        : undefined,
      writer: repositoryWriter(),
      embedder: createHashEmbedder(),
      settings: selfEditSettings(),
      // No checkout here: types and tests are left to the pull request's CI.
      validation: { tests: { run: false, skipReason: "tests run in the pull request's CI" } },
      clock: systemClock,
    }),
  ],
  responder: guardedResponder(webhooks, breakers),
  reportResponder: webhooks,
  services,
  persistenceStore: createIdempotencyStore({ client: dynamodb, tableName: Resource.Table.name }),
  backoff: visibilityBackoff(sqs, Resource.SelfEditQueue.url, SELFEDIT_RETRY_SCHEDULE),
  maxAttempts: SELFEDIT_RETRY_SCHEDULE.maxAttempts,
  deadLetter: sqsDeadLetterSink(sqs, {
    deadLetterUrl: Resource.SelfEditDeadLetterSender.url,
    sourceQueue: "selfedit",
  }),
  logger,
  metrics: toCoreMetrics(metrics),
  afterEach: () => metrics.publishStoredMetrics(),
});

import {
  createDataServices,
  createEnvelope,
  createMemoryCache,
  createMultiLevelCache,
  type HealthCheck,
  type Job,
  type JobContext,
  SealedSchema,
  silentLogger,
  type WorkerServices,
} from "@megawatts/core";
import { FakeKeyService, InMemorySubjectKeyStore } from "./crypto-fakes.ts";
import { InMemoryBlobStore, InMemoryDocumentStore } from "./data-fakes.ts";
import { ManualClock, RecordingResponder } from "./fakes.ts";
import {
  DEV_APPLICATION_ID,
  DEV_CHANNEL_ID,
  DEV_GUILD_ID,
  DEV_USER_ID,
  interactionToken,
  snowflake,
} from "./snowflakes.ts";

/** Worker services on in-memory fakes, with the fakes themselves for assertions. */
export interface FakeWorkerServices extends WorkerServices {
  store: InMemoryDocumentStore;
  blobs: InMemoryBlobStore;
  keys: FakeKeyService;
  keyStore: InMemorySubjectKeyStore;
  clock: ManualClock;
}

/**
 * Every worker service on in-memory fakes (document and blob stores, KMS, key store, caches),
 * wired the way the runtimes wire the real adapters, for unit tests of job handlers and use
 * cases.
 *
 * @example
 * const services = fakeWorkerServices();
 * await rememberMessage(services, input);
 * services.store.items.size; // 2 (the tenant and the message)
 */
export function fakeWorkerServices(
  options: { clock?: ManualClock; healthChecks?: HealthCheck[] } = {},
): FakeWorkerServices {
  const clock = options.clock ?? new ManualClock();
  const store = new InMemoryDocumentStore(clock);
  const blobs = new InMemoryBlobStore();
  const keys = new FakeKeyService();
  const keyStore = new InMemorySubjectKeyStore();
  const data = createDataServices({
    store,
    blobs,
    clock,
    isSealed: (value) => SealedSchema.safeParse(value).success,
  });
  const cache = createMultiLevelCache({
    l1: { maxEntries: 100, ttlMs: 1_000 },
    l2: createMemoryCache({ clock }),
    clock,
  });
  return {
    healthChecks: options.healthChecks ?? [],
    data,
    envelope: createEnvelope({ keys, store: keyStore, clock }),
    subjectKeys: keyStore,
    cache,
    store,
    blobs,
    keys,
    keyStore,
    clock,
  };
}

/**
 * A job of `kind` from `user` in `guild` with its context: replies land in `responder.sent`.
 *
 * @example
 * const { context, responder } = fakeJobContext("privacy.export", services, { user: "80351110224678912" });
 * await privacyWorker.jobs["privacy.export"]?.(context);
 */
export function fakeJobContext(
  kind: string,
  services: WorkerServices,
  input: { guild?: string | null; user?: string; payload?: unknown } = {},
): { context: JobContext; responder: RecordingResponder } {
  const id = snowflake();
  const interaction = {
    id,
    applicationId: DEV_APPLICATION_ID,
    token: interactionToken(id),
    guildId: input.guild === undefined ? DEV_GUILD_ID : input.guild,
    channelId: DEV_CHANNEL_ID,
    userId: input.user ?? DEV_USER_ID,
    createdAt: Date.now(),
  };
  const job: Job = {
    v: 1,
    id,
    kind,
    interaction,
    payload: input.payload ?? null,
    correlationId: id,
    enqueuedAt: 0,
  };
  const responder = new RecordingResponder();
  const context: JobContext = {
    job,
    payload: job.payload,
    reply: (message) => responder.editOriginal(interaction, message),
    followUp: (message) => responder.followUp(interaction, message),
    signal: new AbortController().signal,
    logger: silentLogger,
    services,
  };
  return { context, responder };
}

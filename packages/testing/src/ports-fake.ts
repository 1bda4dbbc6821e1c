import {
  checkManifests,
  createDataServices,
  createEnvelope,
  createJobRegistry,
  createMemoryCache,
  createMultiLevelCache,
  documentPluginStates,
  type HealthCheck,
  type Job,
  type JobContext,
  type JobHandler,
  noopMetrics,
  type PluginManifest,
  type PluginPorts,
  pluginCatalog,
  SealedSchema,
  silentLogger,
  type WorkerPlugin,
} from "@megawatts/core";
import {
  DEV_APPLICATION_ID,
  DEV_CHANNEL_ID,
  DEV_GUILD_ID,
  DEV_USER_ID,
  interactionToken,
  snowflake,
} from "@megawatts/discord/simulate";
import { FakeKeyService, InMemorySubjectKeyStore } from "./crypto-fakes.ts";
import { InMemoryBlobStore, InMemoryDocumentStore } from "./data-fakes.ts";
import { ManualClock, RecordingResponder } from "./fakes.ts";

/** Plugin ports on in-memory fakes, with the fakes themselves for assertions. */
export interface FakePorts extends Omit<PluginPorts, "knowledge" | "scheduler" | "clock" | "serverTools"> {
  store: InMemoryDocumentStore;
  blobs: InMemoryBlobStore;
  keys: FakeKeyService;
  keyStore: InMemorySubjectKeyStore;
  clock: ManualClock;
}

/**
 * The plugin ports on in-memory fakes (document and blob stores, KMS, key store, caches, the
 * plugin catalog), wired the way the runtimes wire the real adapters, for unit tests of job
 * handlers and use cases. Knowledge and the scheduler are left for a test to add.
 *
 * @example
 * const ports = fakePorts();
 * await rememberMessage(ports, input);
 * ports.store.items.size; // 2 (the tenant and the message)
 */
export function fakePorts(
  options: { clock?: ManualClock; health?: HealthCheck[]; manifests?: readonly PluginManifest[] } = {},
): FakePorts {
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
  const plugins = pluginCatalog(
    checkManifests(options.manifests ?? []).sorted,
    documentPluginStates(data.documents),
  );
  return {
    health: options.health ?? [],
    data,
    warm: data,
    plugins,
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
 * `tokenless` makes it a job asked outside Discord (the dashboard), with no interaction token.
 *
 * @example
 * const { context, responder } = fakeJobContext("privacy.export", { user: "80351110224678912" });
 * await jobHandler(privacyWorker, ports, "privacy.export")(context);
 */
export function fakeJobContext(
  kind: string,
  input: { guild?: string | null; user?: string; payload?: unknown; tokenless?: boolean } = {},
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
  const { token: _token, ...origin } = interaction;
  const job: Job = {
    v: 1,
    id,
    kind,
    interaction: input.tokenless ? origin : interaction,
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
    metrics: noopMetrics,
  };
  return { context, responder };
}

/**
 * A plugin's handler for a job kind, built by the job registry from the given ports exactly
 * as a runtime builds it (so a missing port fails the test the way it would fail a start).
 *
 * @example
 * await jobHandler(memoryWorker, { ...ports, knowledge }, "memory.remember")(context);
 */
export function jobHandler(plugin: WorkerPlugin, ports: Partial<PluginPorts>, kind: string): JobHandler {
  const handler = createJobRegistry([plugin], ports).job(kind);
  if (!handler) throw new Error(`plugin "${plugin.manifest.id}" has no job "${kind}"`);
  return handler;
}

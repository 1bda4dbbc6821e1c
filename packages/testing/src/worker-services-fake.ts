import {
  createDataServices,
  createEnvelope,
  createMemoryCache,
  createMultiLevelCache,
  type HealthCheck,
  SealedSchema,
  type WorkerServices,
} from "@megawatts/core";
import { FakeKeyService, InMemorySubjectKeyStore } from "./crypto-fakes.ts";
import { InMemoryBlobStore, InMemoryDocumentStore } from "./data-fakes.ts";
import { ManualClock } from "./fakes.ts";

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

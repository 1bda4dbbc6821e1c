import {
  type Breakers,
  type Cache,
  type Clock,
  createDataServices,
  createEnvelope,
  createMemoryCache,
  createMultiLevelCache,
  degradingCache,
  type HealthCheck,
  type Logger,
  type MultiLevelCache,
  type PluginPorts,
  SealedSchema,
} from "@megawatts/core";
import {
  DynamoDocumentStore,
  DynamoSubjectKeyStore,
  dynamoTableHealthCheck,
} from "@megawatts/storage/dynamodb";
import { KmsKeyService, kmsKeyHealthCheck } from "@megawatts/storage/kms";
import { S3BlobStore, s3BucketHealthCheck } from "@megawatts/storage/s3";
import { UpstashCache, upstashHealthCheck } from "@megawatts/storage/upstash";
import { Redis } from "@upstash/redis";
import type { Deployment, SdkClients } from "../deployment.ts";

/** The storage a runtime hands over: SDK clients and where the resources are. */
export interface StorageResources {
  clients: Pick<SdkClients, "dynamodb" | "s3" | "kms">;
  deployment: Pick<Deployment, "tableName" | "keyTableName" | "bucketName" | "keyArn" | "upstash">;
  logger: Logger;
  clock?: Clock;
  /** The container's breakers: the hot tier goes through the `upstash` one and degrades to a miss. */
  breakers?: Breakers;
}

export type StorageServices = Pick<PluginPorts, "data" | "envelope" | "subjectKeys"> & {
  cache: MultiLevelCache;
  healthChecks: HealthCheck[];
};

// Another container's write reaches this one's L1 within this long.
const L1 = { maxEntries: 1_000, ttlMs: 5_000 };

function hotTier(resources: StorageResources): { l2: Cache; check: HealthCheck } {
  const { breakers } = resources;
  const { upstash } = resources.deployment;
  if (!upstash) {
    const check: HealthCheck = {
      name: "cache (in-memory)",
      kind: "cache",
      check: async () => ({ detail: "this process only" }),
    };
    return { l2: createMemoryCache(), check };
  }
  // A cache that is down must not hold a job up: one quick try per call, the breaker does the rest.
  const redis = new Redis({
    url: upstash.url,
    token: upstash.token,
    enableTelemetry: false,
    retry: { retries: 1, backoff: () => 50 },
    signal: () => AbortSignal.timeout(2_000),
  });
  const upstashCache = new UpstashCache(redis);
  return {
    l2: breakers ? degradingCache(upstashCache, breakers, resources.logger) : upstashCache,
    check: upstashHealthCheck(redis),
  };
}

/**
 * The data services every worker runtime builds the same way, from its own clients: the data
 * layer on the table and bucket, the envelope on KMS and the key table, the hot tier on
 * Upstash (or in memory), and a health check per store.
 *
 * @example
 * const storage = createStorageServices({ clients: { dynamodb, s3, kms }, deployment, logger });
 * await storage.data.documents.get(key);
 */
export function createStorageServices(input: StorageResources): StorageServices {
  const { dynamodb, s3, kms } = input.clients;
  const { clock } = input;
  const resources = { ...input.deployment, logger: input.logger };
  const data = createDataServices({
    store: new DynamoDocumentStore({
      client: dynamodb,
      tableName: resources.tableName,
      ...(clock ? { clock } : {}),
    }),
    blobs: new S3BlobStore({ client: s3, bucket: resources.bucketName }),
    logger: resources.logger,
    isSealed: (value) => SealedSchema.safeParse(value).success,
    ...(clock ? { clock } : {}),
  });
  const subjectKeys = new DynamoSubjectKeyStore(dynamodb, resources.keyTableName);
  const envelope = createEnvelope({
    keys: new KmsKeyService(kms, resources.keyArn),
    store: subjectKeys,
    ...(clock ? { clock } : {}),
  });
  const hot = hotTier(input);
  const cache = createMultiLevelCache({ l1: L1, l2: hot.l2, ...(clock ? { clock } : {}) });
  const healthChecks = [
    dynamoTableHealthCheck(dynamodb, resources.tableName),
    s3BucketHealthCheck(s3, resources.bucketName),
    kmsKeyHealthCheck(kms, resources.keyArn),
    hot.check,
  ];
  return { data, envelope, subjectKeys, cache, healthChecks };
}

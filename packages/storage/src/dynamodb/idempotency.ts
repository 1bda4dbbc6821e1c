import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

export interface IdempotencyStoreOptions {
  client: DynamoDBClient;
  /** The single application table (partition key `pk`, sort key `sk`, TTL on `expiresAt`). */
  tableName: string;
}

/**
 * Where workers claim job ids so a redelivered or replayed job runs once. Records live in the
 * application table under one partition, keyed by a hash of the job id, and expire by TTL.
 *
 * @example
 * const persistenceStore = createIdempotencyStore({ client: new DynamoDBClient({}), tableName: Resource.Table.name });
 */
export function createIdempotencyStore(options: IdempotencyStoreOptions): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    keyAttr: "pk",
    sortKeyAttr: "sk",
    staticPkValue: "idempotency#jobs",
    expiryAttr: "expiresAt",
    awsSdkV3Client: options.client,
  });
}

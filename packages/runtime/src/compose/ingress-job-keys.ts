import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoJobKeys } from "@megawatts/storage/job-keys";

/** Loaded on the ingress's first sealed job (see ingress.ts): it only writes job keys. */
export function createJobKeyWriter(keyTableName: string) {
  return new DynamoJobKeys(new DynamoDBClient({}), keyTableName);
}

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoPluginStateReader } from "@megawatts/storage/plugin-states";

/** Loaded on the ingress's first plugin-state read (see ingress.ts), so PINGs and core commands never pay for the SDK. */
export function createPluginStateReader(tableName: string) {
  return new DynamoPluginStateReader(new DynamoDBClient({}), tableName);
}

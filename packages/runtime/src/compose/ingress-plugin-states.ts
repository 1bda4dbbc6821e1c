import { lambdaCredentials, signingClient } from "@megawatts/storage/aws-fetch";
import { FetchPluginStateReader } from "@megawatts/storage/fetch-plugin-states";

/**
 * The Lambda ingress's plugin-state reader (see lambda-interactions.ts): one signed `fetch` to
 * DynamoDB's API in the function's region, no SDK client in the ingress.
 */
export function createPluginStateReader(tableName: string, region: string) {
  const client = signingClient("dynamodb", lambdaCredentials(), region);
  return new FetchPluginStateReader(client, `https://dynamodb.${region}.amazonaws.com/`, tableName);
}

import { lambdaCredentials, signingClient } from "@megawatts/storage/aws-fetch";
import { FetchJobKeyWriter } from "@megawatts/storage/fetch-job-keys";

/**
 * The Lambda ingress's job-key writer (see lambda-interactions.ts): it only writes job keys, with
 * one signed `fetch` to DynamoDB's API in the function's region, no SDK client in the ingress.
 */
export function createJobKeyWriter(keyTableName: string, region: string) {
  const client = signingClient("dynamodb", lambdaCredentials(), region);
  return new FetchJobKeyWriter(client, `https://dynamodb.${region}.amazonaws.com/`, keyTableName);
}

import type { JobKeyRef, JobKeys } from "@megawatts/core";
import type { AwsClient } from "aws4fetch";
import { callJsonApi } from "../aws-fetch/json-api.ts";
import { jobKeyItem } from "./job-key-item.ts";

/**
 * Writes the key of a sealed job payload as `DynamoJobKeys.put` does, with one signed `fetch`
 * to DynamoDB's JSON API (bytes as base64), so the ingress carries no DynamoDB client.
 *
 * @example
 * const keys = new FetchJobKeyWriter(signingClient("dynamodb", lambdaCredentials(), region),
 *   "https://dynamodb.eu-west-1.amazonaws.com/", Resource.JobKeyWriter.name);
 */
export class FetchJobKeyWriter implements Pick<JobKeys, "put"> {
  constructor(
    private readonly client: AwsClient,
    private readonly endpoint: string,
    private readonly tableName: string,
  ) {}

  async put(ref: JobKeyRef, value: Uint8Array): Promise<void> {
    await callJsonApi(this.client, this.endpoint, "DynamoDB_20120810.PutItem", {
      TableName: this.tableName,
      Item: { ...jobKeyItem(ref), key: { B: Buffer.from(value).toString("base64") } },
    });
  }
}

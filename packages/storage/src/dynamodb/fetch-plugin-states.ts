import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { PluginStateReader } from "@megawatts/core";
import type { AwsClient } from "aws4fetch";
import { callJsonApi } from "../aws-fetch/json-api.ts";
import { pluginStateFromItem, pluginStateRequest } from "./plugin-state-item.ts";

/**
 * The same `GetItem` as `DynamoPluginStateReader`, made with one signed `fetch` to DynamoDB's
 * JSON API instead of the SDK client, so the ingress carries no DynamoDB client.
 *
 * @example
 * const states = new FetchPluginStateReader(signingClient("dynamodb", lambdaCredentials(), region),
 *   "https://dynamodb.eu-west-1.amazonaws.com/", Resource.PluginStateReader.name);
 */
export class FetchPluginStateReader implements PluginStateReader {
  constructor(
    private readonly client: AwsClient,
    private readonly endpoint: string,
    private readonly tableName: string,
  ) {}

  async read(guildId: string) {
    const { Item: item } = await callJsonApi<{ Item?: Record<string, AttributeValue> }>(
      this.client,
      this.endpoint,
      "DynamoDB_20120810.GetItem",
      pluginStateRequest(this.tableName, guildId),
    );
    return pluginStateFromItem(item);
  }
}

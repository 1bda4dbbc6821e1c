import { type DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { itemKeys, type PluginStateReader, pluginStateOf } from "@megawatts/core";

/**
 * Reads a server's plugin choices straight from its `guild-config` item with one small
 * `GetItem` (only the plugin fields, eventually consistent): what the ingress needs to decide
 * whether a command may run, without the document client or the data layer in its bundle.
 * Wrap it in `cachedPluginStates` so a warm container makes no round trip.
 *
 * @example
 * const states = new DynamoPluginStateReader(new DynamoDBClient({}), Resource.Table.name);
 * const state = await states.read(guildId);
 */
export class DynamoPluginStateReader implements PluginStateReader {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async read(guildId: string) {
    const { pk, sk } = itemKeys.guildConfig(guildId);
    const { Item: item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: pk }, sk: { S: sk } },
        ProjectionExpression: "#data.#plugins, #data.#knowledge",
        ExpressionAttributeNames: { "#data": "data", "#plugins": "plugins", "#knowledge": "knowledge" },
      }),
    );
    const data = item ? (unmarshall(item).data as Record<string, unknown> | undefined) : undefined;
    return pluginStateOf(data);
  }
}

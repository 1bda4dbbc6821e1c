import { type DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { PluginStateReader } from "@megawatts/core";
import { pluginStateFromItem, pluginStateRequest } from "./plugin-state-item.ts";

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
    const { Item: item } = await this.client.send(
      new GetItemCommand(pluginStateRequest(this.tableName, guildId)),
    );
    return pluginStateFromItem(item);
  }
}

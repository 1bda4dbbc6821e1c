import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { type GuildPluginState, itemKeys, pluginStateOf } from "@megawatts/core";

/**
 * The `GetItem` request for a server's plugin choices, the same for the SDK client and the
 * JSON API: its `guild-config` item, only the plugin fields, eventually consistent.
 */
export function pluginStateRequest(tableName: string, guildId: string) {
  const { pk, sk } = itemKeys.guildConfig(guildId);
  return {
    TableName: tableName,
    Key: { pk: { S: pk }, sk: { S: sk } },
    ProjectionExpression: "#data.#plugins, #data.#knowledge",
    ExpressionAttributeNames: { "#data": "data", "#plugins": "plugins", "#knowledge": "knowledge" },
  };
}

/** A server's plugin state from the item `GetItem` answered (none when it has no item yet). */
export function pluginStateFromItem(item: Record<string, AttributeValue> | undefined): GuildPluginState {
  const data = item ? (unmarshall(item).data as Record<string, unknown> | undefined) : undefined;
  return pluginStateOf(data);
}

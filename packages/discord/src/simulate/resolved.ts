import {
  type APIApplicationCommandInteractionDataOption,
  type APIInteractionDataResolved,
  ApplicationCommandOptionType,
  ChannelType,
} from "discord-api-types/v10";

function leaves(options: readonly APIApplicationCommandInteractionDataOption[]) {
  const out: { type: ApplicationCommandOptionType; value: unknown }[] = [];
  for (const option of options) {
    if ("options" in option && option.options) out.push(...leaves(option.options));
    else if ("value" in option) out.push({ type: option.type, value: option.value });
  }
  return out;
}

/**
 * What Discord sends in `data.resolved` for channel and user options: each channel with the
 * member's computed permissions in it (here, their guild permissions), and each user.
 *
 * @example
 * resolvedOptions([{ type: 7, name: "channel", value: "401000000000000002" }], "1024")
 * // { channels: { "401000000000000002": { id, name: "channel-0002", type: 0, permissions: "1024" } } }
 */
export function resolvedOptions(
  options: readonly APIApplicationCommandInteractionDataOption[],
  permissions: string,
): APIInteractionDataResolved | undefined {
  const resolved: APIInteractionDataResolved = {};
  for (const { type, value } of leaves(options)) {
    const id = String(value);
    if (type === ApplicationCommandOptionType.Channel) {
      resolved.channels ??= {};
      resolved.channels[id] = {
        id,
        name: `channel-${id.slice(-4)}`,
        type: ChannelType.GuildText,
        permissions,
      };
    } else if (type === ApplicationCommandOptionType.User) {
      resolved.users ??= {};
      resolved.users[id] = {
        id,
        username: `user${id.slice(-4)}`,
        discriminator: "0",
        global_name: null,
        avatar: null,
      };
    }
  }
  return Object.keys(resolved).length > 0 ? resolved : undefined;
}

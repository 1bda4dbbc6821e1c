import type {
  APIChatInputApplicationCommandGuildInteraction,
  APIPingInteraction,
  GuildMemberFlags,
} from "discord-api-types/v10";
import {
  ApplicationCommandType,
  ChannelType,
  GuildFeature,
  InteractionContextType,
  InteractionType,
  Locale,
} from "discord-api-types/v10";

const DISCORD_EPOCH = 1_420_070_400_000n;
const APPLICATION_ID = "1234567890123456789";
const GUILD_ID = "1098765432109876543";
const CHANNEL_ID = "1111222233334444555";
const USER_ID = "222233334444555566";
const COMMAND_ID = "1200300400500600700";

let increment = 0n;

/** A snowflake minted now, as Discord mints interaction ids (time, worker, process, increment). */
export function snowflake(now = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(now) - DISCORD_EPOCH) << 22n) | (1n << 17n) | (7n << 12n) | increment).toString();
}

// Interaction tokens are long opaque strings; the length matters for the body size.
function token(id: string): string {
  return `aW50ZXJhY3Rpb246${id}:${"x".repeat(160)}`;
}

/** The PING Discord sends to check the endpoint. */
export function pingInteraction(): APIPingInteraction {
  const id = snowflake();
  return {
    app_permissions: "0",
    application_id: APPLICATION_ID,
    attachment_size_limit: 10_485_760,
    authorizing_integration_owners: {},
    entitlements: [],
    id,
    token: token(id),
    type: InteractionType.Ping,
    user: {
      id: "643945264868098049",
      username: "discord",
      discriminator: "0",
      global_name: "Discord",
      avatar: "c6a249645d46209f337279cd2ca998c7",
      public_flags: 1,
    },
    version: 1,
  };
}

/** A slash command invoked by a member in a guild text channel, shaped like a real delivery. */
export function guildCommandInteraction(name: string): APIChatInputApplicationCommandGuildInteraction {
  const id = snowflake();
  const user = {
    id: USER_ID,
    username: "ada.lovelace",
    discriminator: "0",
    global_name: "Ada",
    avatar: "a_0123456789abcdef0123456789abcdef",
    public_flags: 0,
  };
  return {
    app_permissions: "2248473465835073",
    application_id: APPLICATION_ID,
    attachment_size_limit: 10_485_760,
    authorizing_integration_owners: { "0": GUILD_ID },
    channel: {
      id: CHANNEL_ID,
      type: ChannelType.GuildText,
      guild_id: GUILD_ID,
      name: "general",
      position: 0,
      parent_id: "1111222233334444000",
      topic: "Talk about anything",
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: "1300400500600700800",
    },
    channel_id: CHANNEL_ID,
    context: InteractionContextType.Guild,
    data: { id: COMMAND_ID, name, type: ApplicationCommandType.ChatInput, guild_id: GUILD_ID },
    entitlements: [],
    guild: { id: GUILD_ID, features: [GuildFeature.Community, GuildFeature.News], locale: Locale.EnglishUS },
    guild_id: GUILD_ID,
    guild_locale: Locale.EnglishUS,
    id,
    locale: Locale.EnglishGB,
    member: {
      user,
      avatar: null,
      banner: null,
      communication_disabled_until: null,
      deaf: false,
      flags: 0 as GuildMemberFlags,
      joined_at: "2023-04-01T12:00:00.000000+00:00",
      mute: false,
      nick: null,
      pending: false,
      permissions: "2251799813685247",
      premium_since: null,
      roles: ["1098765432109876600", "1098765432109876601"],
    },
    token: token(id),
    type: InteractionType.ApplicationCommand,
    version: 1,
  };
}

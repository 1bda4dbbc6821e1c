import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIPingInteraction,
  type APIUser,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  type MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { commandOptions, type OptionInput } from "./command-options.ts";
import { resolvedOptions } from "./resolved.ts";
import {
  DEV_APPLICATION_ID,
  DEV_CHANNEL_ID,
  DEV_GUILD_ID,
  DEV_USER_ID,
  interactionToken,
  snowflake,
} from "./snowflakes.ts";

/** Where and by whom an interaction happens; every field has a local default. */
export interface Scene {
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  userId?: string;
  /** The member holds every permission (a server administrator). */
  admin?: boolean;
  locale?: Locale;
  /** The member's role ids (default none). */
  roles?: string[];
  /** The member's permissions in the channel, a decimal bit set; overrides `admin`. */
  permissions?: string;
  /** The bot's permissions in the channel (`app_permissions`), a decimal bit set. */
  appPermissions?: string;
  /** The member's username (default `user<last four digits>`). */
  username?: string;
}

const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);
const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads;
const APP_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageMessages;

function user(id: string, username?: string): APIUser {
  return {
    id,
    username: username ?? `user${id.slice(-4)}`,
    discriminator: "0",
    global_name: "Local Tester",
    avatar: null,
  };
}

function member(scene: Scene, userId: string): APIInteractionGuildMember {
  return {
    user: user(userId, scene.username),
    roles: scene.roles ?? [],
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    premium_since: null,
    permissions: scene.permissions ?? String(scene.admin ? ALL_PERMISSIONS : MEMBER_PERMISSIONS),
  };
}

/** Fields every guild interaction carries, with a fresh id and token. */
function base(scene: Scene) {
  const id = snowflake();
  const guildId = scene.guildId ?? DEV_GUILD_ID;
  const channelId = scene.channelId ?? DEV_CHANNEL_ID;
  return {
    id,
    application_id: scene.applicationId ?? DEV_APPLICATION_ID,
    token: interactionToken(id),
    version: 1 as const,
    guild_id: guildId,
    guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
    channel: { id: channelId, type: ChannelType.GuildText as const, guild_id: guildId, name: "general" },
    channel_id: channelId,
    member: member(scene, scene.userId ?? DEV_USER_ID),
    app_permissions: scene.appPermissions ?? String(APP_PERMISSIONS),
    locale: scene.locale ?? Locale.EnglishUS,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/**
 * A PING, the request Discord sends to check an endpoint URL.
 *
 * @example
 * const body = JSON.stringify(pingInteraction());
 */
export function pingInteraction(scene: Scene = {}): APIPingInteraction {
  const { id, application_id, token } = base(scene);
  return {
    id,
    application_id,
    token,
    type: InteractionType.Ping,
    version: 1,
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 0,
  };
}

/**
 * A slash command as Discord sends it, options typed by the command's definition.
 *
 * @example
 * const interaction = commandInteraction(definition, { options: { limit: "5" }, scene: { admin: true } });
 */
export function commandInteraction(
  definition: RESTPostAPIApplicationCommandsJSONBody,
  input: { path?: string[]; options?: OptionInput; scene?: Scene } = {},
): APIChatInputApplicationCommandInteraction {
  const fields = base(input.scene ?? {});
  const options = commandOptions(definition, input.path ?? [], input.options ?? {});
  const resolved = resolvedOptions(options, fields.member.permissions);
  return {
    ...fields,
    type: InteractionType.ApplicationCommand,
    data: {
      id: snowflake(Date.parse("2024-01-01")),
      name: definition.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: fields.guild_id,
      ...(options.length > 0 ? { options } : {}),
      ...(resolved ? { resolved } : {}),
    },
  } as APIChatInputApplicationCommandInteraction;
}

/**
 * An autocomplete request while the user types into option `focused`.
 *
 * @example
 * autocompleteInteraction(definition, { focused: "query", options: { query: "hel" } });
 */
export function autocompleteInteraction(
  definition: RESTPostAPIApplicationCommandsJSONBody,
  input: { focused: string; path?: string[]; options: OptionInput; scene?: Scene },
): APIApplicationCommandAutocompleteInteraction {
  const fields = base(input.scene ?? {});
  const options = commandOptions(definition, input.path ?? [], input.options, input.focused);
  return {
    ...fields,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: snowflake(Date.parse("2024-01-01")),
      name: definition.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: fields.guild_id,
      options,
    },
  } as APIApplicationCommandAutocompleteInteraction;
}

/** The message a message command targets, as the user picked it. */
export interface TargetMessage {
  content: string;
  /** Default: the user of the scene (someone acting on their own message). */
  authorId?: string;
  attachments?: string[];
  id?: string;
}

/**
 * A message context-menu command (type 3, e.g. "Remember") on a message, which Discord sends
 * with the whole message in `resolved.messages`.
 *
 * @example
 * messageCommandInteraction(definition, { message: { content: "remember this", attachments: ["a.png"] } });
 */
export function messageCommandInteraction(
  definition: RESTPostAPIApplicationCommandsJSONBody,
  input: { message: TargetMessage; scene?: Scene },
): APIMessageApplicationCommandInteraction {
  const fields = base(input.scene ?? {});
  const id = input.message.id ?? snowflake();
  const author = user(input.message.authorId ?? input.scene?.userId ?? DEV_USER_ID);
  const attachments = (input.message.attachments ?? []).map((filename) => {
    const url = `https://cdn.discordapp.com/attachments/${fields.channel_id}/${id}/${filename}`;
    return { id: snowflake(), filename, size: 1024, url, proxy_url: url };
  });
  const message: APIMessage = {
    ...sourceMessage(fields),
    id,
    author,
    content: input.message.content,
    attachments,
  };
  return {
    ...fields,
    type: InteractionType.ApplicationCommand,
    data: {
      id: snowflake(Date.parse("2024-01-01")),
      name: definition.name,
      type: ApplicationCommandType.Message,
      guild_id: fields.guild_id,
      target_id: id,
      resolved: { messages: { [id]: message } },
    },
  } as APIMessageApplicationCommandInteraction;
}

function sourceMessage(fields: ReturnType<typeof base>): APIMessage {
  return {
    id: snowflake(),
    channel_id: fields.channel.id,
    author: { ...user(fields.application_id), username: "megawatts", bot: true },
    content: "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0 as MessageFlags,
    components: [],
  };
}

/**
 * A button press (or, with `values`, a string-select choice) on a message the bot sent;
 * `message` fills in what that message showed (its content and components), as Discord does.
 *
 * @example
 * componentInteraction("system:page:2");
 */
export function componentInteraction(
  customId: string,
  input: {
    values?: string[];
    scene?: Scene;
    message?: Pick<Partial<APIMessage>, "content" | "components" | "flags">;
  } = {},
): APIMessageComponentInteraction {
  const fields = base(input.scene ?? {});
  const data = input.values
    ? { custom_id: customId, component_type: ComponentType.StringSelect, values: input.values }
    : { custom_id: customId, component_type: ComponentType.Button };
  return {
    ...fields,
    type: InteractionType.MessageComponent,
    message: { ...sourceMessage(fields), ...input.message },
    data,
  } as APIMessageComponentInteraction;
}

/**
 * A submitted modal whose text inputs hold `fields` (custom id → value).
 *
 * @example
 * modalSubmitInteraction("feedback:send", { fields: { message: "Nice bot" } });
 */
export function modalSubmitInteraction(
  customId: string,
  input: { fields: Record<string, string>; scene?: Scene },
): APIModalSubmitInteraction {
  const components = Object.entries(input.fields).map(([id, value]) => ({
    type: ComponentType.ActionRow as const,
    components: [{ type: ComponentType.TextInput as const, custom_id: id, value }],
  }));
  return {
    ...base(input.scene ?? {}),
    type: InteractionType.ModalSubmit,
    data: { custom_id: customId, components },
  } as APIModalSubmitInteraction;
}

import { CommandType, Context, OptionType, type PluginManifest } from "@megawatts/core";
import { PERMISSION_BITS } from "@megawatts/discord/permissions";
import type { ChannelType, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";

type Options = NonNullable<RESTPostAPIChatInputApplicationCommandsJSONBody["options"]>;
type Option = Options[number];

// Text and announcement channels (the ingress bundle carries no discord-api-types values).
const TEXT: (ChannelType.GuildText | ChannelType.GuildAnnouncement)[] = [0, 5];
const channel = (description = "The channel (default: this one)", required = false): Option => ({
  type: OptionType.Channel,
  name: "channel",
  description,
  required,
  channel_types: TEXT,
});
const sub = (name: string, description: string, options: Option[] = []): Option =>
  ({ type: OptionType.Subcommand, name, description, options }) as Option;
const str = (name: string, description: string, required = true, max = 100): Option => ({
  type: OptionType.String,
  name,
  description,
  required,
  max_length: max,
});
const messageId = str("message_id", "The message's id (Copy Message ID)", true, 20);

function command(
  name: string,
  description: string,
  permission: bigint | undefined,
  options: Option[],
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: CommandType.ChatInput,
    name,
    description,
    contexts: [Context.Guild],
    ...(permission !== undefined ? { default_member_permissions: String(permission) } : {}),
    options,
  };
}

/** Server administration on the tool framework, and `/do`, the agent that proposes actions. */
export const manifest: PluginManifest = {
  id: "admin",
  version: "1.0.0",
  description:
    "Roles, channels, messages, webhooks and the server, through the audited tools; /do plans actions from a request.",
  commands: [
    command("role", "Create, delete, assign or remove roles", PERMISSION_BITS.ManageRoles, [
      sub("create", "Create a role", [
        str("name", "The role's name"),
        {
          type: OptionType.Integer,
          name: "color",
          description: "RGB colour as a number",
          min_value: 0,
          max_value: 0xffffff,
        },
      ]),
      sub("delete", "Delete a role (asks to confirm)", [
        { type: OptionType.Role, name: "role", description: "The role", required: true },
      ]),
      sub("assign", "Give a member a role", [
        { type: OptionType.User, name: "member", description: "The member", required: true },
        { type: OptionType.Role, name: "role", description: "The role", required: true },
      ]),
      sub("remove", "Take a role from a member", [
        { type: OptionType.User, name: "member", description: "The member", required: true },
        { type: OptionType.Role, name: "role", description: "The role", required: true },
      ]),
    ]),
    command(
      "channel",
      "Lock, unlock, slow down, create, delete or inspect channels",
      PERMISSION_BITS.ManageChannels,
      [
        sub("lock", "Stop @everyone from sending messages", [channel()]),
        sub("unlock", "Let @everyone send messages again", [channel()]),
        sub("slowmode", "Set the seconds between a member's messages", [
          {
            type: OptionType.Integer,
            name: "seconds",
            description: "0 turns it off; at most 21600",
            required: true,
            min_value: 0,
            max_value: 21_600,
          },
          channel(),
        ]),
        sub("create", "Create a channel", [
          str("name", "The channel's name"),
          {
            type: OptionType.String,
            name: "type",
            description: "text (default), voice or category",
            choices: ["text", "voice", "category"].map((value) => ({ name: value, value })),
          },
        ]),
        sub("delete", "Delete a channel (asks to confirm)", [channel("The channel to delete", true)]),
        sub("info", "A channel's settings and overwrites", [channel()]),
      ],
    ),
    command("message", "Purge, pin, unpin, delete or send messages", PERMISSION_BITS.ManageMessages, [
      sub("purge", "Delete the latest messages (asks to confirm)", [
        {
          type: OptionType.Integer,
          name: "count",
          description: "How many, newest first (at most 1000)",
          required: true,
          min_value: 1,
          max_value: 1000,
        },
        { type: OptionType.User, name: "user", description: "Only this member's messages" },
        str("contains", "Only messages containing this text", false),
        channel(),
      ]),
      sub("pin", "Pin a message", [messageId, channel()]),
      sub("unpin", "Unpin a message", [messageId, channel()]),
      sub("delete", "Delete one message (asks to confirm)", [messageId, channel()]),
      sub("send", "Post a message as the bot", [str("text", "What to post", true, 2000), channel()]),
    ]),
    command("webhook", "Create, list, delete or post through webhooks", PERMISSION_BITS.ManageWebhooks, [
      sub("create", "Create a webhook", [str("name", "The webhook's name", true, 80), channel()]),
      sub("list", "The server's webhooks", [channel("Only this channel's")]),
      sub("delete", "Delete a webhook (asks to confirm)", [str("webhook_id", "The webhook's id", true, 20)]),
      sub("send", "Post through a webhook", [
        str("webhook_id", "The webhook's id", true, 20),
        str("text", "What to post", true, 2000),
      ]),
    ]),
    command("server", "The server's overview, roles, channels and members", undefined, [
      sub("info", "The server's overview"),
      sub("roles", "Every role, highest first"),
      sub("channels", "Every channel"),
      sub("members", "A page of members (needs the Server Members intent)", [
        str("after", "Start after this user id", false, 20),
      ]),
    ]),
    command(
      "do",
      "Ask for server actions in words; you confirm the plan before anything changes",
      PERMISSION_BITS.ManageGuild,
      [str("request", "What should be done, e.g. lock #general and pin the rules", true, 1000)],
    ),
  ],
  // Each action's permissions are checked by the tool executor before it runs (and named in its
  // refusal); the ingress only needs to see the channel.
  permissions: ["ViewChannel"],
  dependencies: {},
};

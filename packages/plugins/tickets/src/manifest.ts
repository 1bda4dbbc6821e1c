import { CommandType, Context, OptionType, type PluginManifest } from "@megawatts/core";
import type { ChannelType, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";

type Option = NonNullable<RESTPostAPIChatInputApplicationCommandsJSONBody["options"]>[number];

// Text channels only (the ingress bundle carries no discord-api-types values).
const TEXT: ChannelType.GuildText[] = [0];
const sub = (name: string, description: string, options: Option[] = []): Option =>
  ({ type: OptionType.Subcommand, name, description, options }) as Option;

/**
 * Support tickets: a panel with an **Open ticket** button, a private thread per ticket with the
 * member and the staff role, and a sealed transcript when it closes.
 */
export const manifest: PluginManifest = {
  id: "tickets",
  version: "1.0.0",
  description:
    "Support tickets in private threads: a panel with an Open ticket button, one open ticket per member, sealed transcripts for staff.",
  commands: [
    {
      type: CommandType.ChatInput,
      name: "ticket",
      description: "Support tickets in private threads",
      contexts: [Context.Guild],
      options: [
        sub("setup", "Choose the staff role and a log channel (Manage Server)", [
          { type: OptionType.Role, name: "staff_role", description: "Who answers tickets", required: true },
          {
            type: OptionType.Channel,
            name: "log_channel",
            description: "Where closed tickets are logged (default: the mod log, if set)",
            channel_types: TEXT,
          },
        ]),
        sub("panel", "Post the Open ticket button in this channel (Manage Server)"),
        sub("close", "Close this ticket and keep its transcript (staff or the member who opened it)", [
          { type: OptionType.String, name: "reason", description: "Why it is closed", max_length: 300 },
        ]),
        sub("transcript", "Read a closed ticket's transcript again (staff)", [
          {
            type: OptionType.String,
            name: "id",
            description: "The ticket id, e.g. tk_1234…",
            required: true,
            max_length: 30,
          },
        ]),
      ],
    },
  ],
  permissions: [
    "ViewChannel",
    "SendMessages",
    "CreatePrivateThreads",
    "SendMessagesInThreads",
    "ManageThreads",
    "ReadMessageHistory",
  ],
  dependencies: {},
  optionalDependencies: { moderation: "^0.1.0" },
};

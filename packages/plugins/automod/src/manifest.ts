import { CommandType, Context, OptionType, type PluginManifest } from "@megawatts/core";
import { PERMISSION_BITS } from "@megawatts/discord/permissions";
import type { APIApplicationCommandSubcommandOption, ChannelType } from "discord-api-types/v10";

type Leaf = NonNullable<APIApplicationCommandSubcommandOption["options"]>[number];

const TEXT: ChannelType.GuildText[] = [0];
const sub = (
  name: string,
  description: string,
  options: Leaf[] = [],
): APIApplicationCommandSubcommandOption => ({
  type: OptionType.Subcommand,
  name,
  description,
  options,
});
const text = (name: string, description: string, max: number, required = false): Leaf => ({
  type: OptionType.String,
  name,
  description,
  required,
  max_length: max,
});
const name = text("name", "The rule's name", 100, true);
const blockMessage = text("block_message", "Shown to a member whose message is blocked", 150);
const block: Leaf = {
  type: OptionType.Boolean,
  name: "block",
  description: "Block the message (default: yes)",
};
const alert: Leaf = {
  type: OptionType.Channel,
  name: "alert_channel",
  description: "Also post an alert in this channel",
  channel_types: TEXT,
};
const timeout: Leaf = {
  type: OptionType.Integer,
  name: "timeout_minutes",
  description: "Also time the member out for this long (at most 4 weeks)",
  min_value: 1,
  max_value: 40_320,
};
const allow = text("allow", "Words that never trigger it, separated by commas", 1000);

/** `/automod`: Discord's own AutoMod rules, listed, created and removed through REST. */
export const manifest: PluginManifest = {
  id: "automod",
  version: "1.0.0",
  description:
    "Discord's native AutoMod rules (keywords, spam, mention spam, presets), managed with /automod.",
  commands: [
    {
      type: CommandType.ChatInput,
      name: "automod",
      description: "List, create or remove Discord's AutoMod rules",
      contexts: [Context.Guild],
      default_member_permissions: String(PERMISSION_BITS.ManageGuild),
      options: [
        sub("list", "The server's AutoMod rules"),
        {
          type: OptionType.SubcommandGroup,
          name: "create",
          description: "Create an AutoMod rule",
          options: [
            sub("keyword", "Catch words, phrases or patterns", [
              name,
              text("words", "Words or phrases separated by commas; * is a wildcard", 1000),
              text("regex", "A regular expression (Rust syntax)", 260),
              allow,
              block,
              blockMessage,
              alert,
              timeout,
            ]),
            sub("spam", "Catch messages Discord judges to be spam", [name, block, blockMessage, alert]),
            sub("mention-spam", "Catch messages with too many mentions", [
              name,
              {
                type: OptionType.Integer,
                name: "limit",
                description: "Unique user and role mentions allowed in one message",
                required: true,
                min_value: 1,
                max_value: 50,
              },
              { type: OptionType.Boolean, name: "raid_protection", description: "Also detect mention raids" },
              block,
              blockMessage,
              alert,
              timeout,
            ]),
            sub("preset", "Catch Discord's lists of profanity, sexual content or slurs", [
              name,
              {
                type: OptionType.String,
                name: "lists",
                description: "Which of Discord's lists",
                required: true,
                choices: ["profanity", "sexual_content", "slurs", "all"].map((value) => ({
                  name: value,
                  value,
                })),
              },
              allow,
              block,
              blockMessage,
              alert,
            ]),
          ],
        },
        sub("remove", "Remove an AutoMod rule (asks to confirm)", [
          text("rule_id", "The rule's id, from /automod list", 20, true),
        ]),
      ],
    },
  ],
  // The tools check Manage Server (and Moderate Members for a timeout) for the member and the bot.
  permissions: ["ManageGuild"],
  dependencies: {},
};

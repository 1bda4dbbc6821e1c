import { CommandType, Context, OptionType, type PluginManifest } from "@megawatts/core";
import { PERMISSION_BITS } from "@megawatts/discord/permissions";
import type {
  ChannelType,
  RESTPostAPIApplicationCommandsJSONBody,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";

type Option = NonNullable<RESTPostAPIChatInputApplicationCommandsJSONBody["options"]>[number];

/** Discord's longest timeout: 28 days, in minutes. */
export const MAX_TIMEOUT_MINUTES = 28 * 24 * 60;
// Text and announcement channels (the ingress bundle carries no discord-api-types values).
const TEXT: (ChannelType.GuildText | ChannelType.GuildAnnouncement)[] = [0, 5];

const member = (description = "The member"): Option => ({
  type: OptionType.User,
  name: "member",
  description,
  required: true,
});
const reason = (required = true): Option => ({
  type: OptionType.String,
  name: "reason",
  description: "Why (the member is told, and the case keeps it)",
  required,
  max_length: 500,
});
const integer = (name: string, description: string, min: number, max: number, required = false): Option => ({
  type: OptionType.Integer,
  name,
  description,
  required,
  min_value: min,
  max_value: max,
});
const channel = (name: string, description: string, required = false): Option => ({
  type: OptionType.Channel,
  name,
  description,
  required,
  channel_types: TEXT,
});
const caseNumber = integer("number", "The case number", 1, 1_000_000_000, true);
const sub = (name: string, description: string, options: Option[]): Option =>
  ({ type: OptionType.Subcommand, name, description, options }) as Option;
const deleteWindow: Option = {
  type: OptionType.Integer,
  name: "delete_messages",
  description: "Delete their messages from the last…",
  choices: [
    { name: "nothing", value: 0 },
    { name: "hour", value: 1 },
    { name: "6 hours", value: 6 },
    { name: "day", value: 24 },
    { name: "3 days", value: 72 },
    { name: "7 days", value: 168 },
  ],
};

function command(
  name: string,
  description: string,
  permission: bigint,
  options: Option[],
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: CommandType.ChatInput,
    name,
    description,
    contexts: [Context.Guild],
    default_member_permissions: String(permission),
    options,
  };
}

const commands: RESTPostAPIApplicationCommandsJSONBody[] = [
  command(
    "warn",
    "Warn a member: they get a direct message and a case is opened",
    PERMISSION_BITS.ModerateMembers,
    [member(), reason()],
  ),
  command("timeout", "Time a member out (at most 28 days)", PERMISSION_BITS.ModerateMembers, [
    member(),
    integer("minutes", "How long, in minutes (1 hour = 60, 1 day = 1440)", 1, MAX_TIMEOUT_MINUTES, true),
    reason(),
  ]),
  command("untimeout", "End a member's timeout now", PERMISSION_BITS.ModerateMembers, [
    member(),
    reason(false),
  ]),
  command("kick", "Kick a member (asks to confirm)", PERMISSION_BITS.KickMembers, [member(), reason()]),
  command("ban", "Ban a user, for good or for some hours (asks to confirm)", PERMISSION_BITS.BanMembers, [
    { type: OptionType.User, name: "user", description: "The user (need not be a member)", required: true },
    reason(),
    integer("hours", "Lift the ban after this many hours (leave out: permanent)", 1, 24 * 365),
    deleteWindow,
  ]),
  command("unban", "Lift a ban", PERMISSION_BITS.BanMembers, [
    { type: OptionType.User, name: "user", description: "The banned user", required: true },
    reason(false),
  ]),
  command(
    "softban",
    "Ban and unban at once, deleting their recent messages (asks to confirm)",
    PERMISSION_BITS.BanMembers,
    [member(), reason(), deleteWindow],
  ),
  command(
    "purge",
    "Delete the latest messages of a channel (asks to confirm)",
    PERMISSION_BITS.ManageMessages,
    [
      integer("count", "How many, newest first (at most 1000)", 1, 1000, true),
      { type: OptionType.User, name: "user", description: "Only this member's messages" },
      channel("channel", "The channel (default: this one)"),
      reason(false),
    ],
  ),
  command("case", "Show, re-word or delete a moderation case", PERMISSION_BITS.ModerateMembers, [
    sub("show", "A case with its history", [caseNumber]),
    sub("reason", "Change a case's reason (the old one is kept)", [
      caseNumber,
      {
        type: OptionType.String,
        name: "text",
        description: "The new reason",
        required: true,
        max_length: 500,
      },
    ]),
    sub("delete", "Delete a case's reason and evidence (Manage Server)", [caseNumber]),
  ]),
  command("cases", "A member's moderation cases, newest first", PERMISSION_BITS.ModerateMembers, [
    { type: OptionType.User, name: "user", description: "The member", required: true },
  ]),
  command("modlog", "Where cases and reports are posted", PERMISSION_BITS.ManageGuild, [
    channel("channel", "The mod log: every case is posted there", true),
    channel("reports", "Where members' reports go, with buttons for moderators"),
  ]),
  command("modstats", "Moderation actions and command use per day", PERMISSION_BITS.ManageGuild, [
    integer("days", "How many days back (default 30, at most 90)", 1, 90),
  ]),
  {
    type: CommandType.User,
    name: "Moderation history",
    contexts: [Context.Guild],
    default_member_permissions: String(PERMISSION_BITS.ModerateMembers),
  },
  { type: CommandType.Message, name: "Report message", contexts: [Context.Guild] },
];

/**
 * Moderation: actions with cases, the mod log, member reports and the audit-log sync. Every
 * action goes through the tool framework, which checks the moderator's and the bot's
 * permissions and the role hierarchy before anything changes.
 */
export const manifest: PluginManifest = {
  id: "moderation",
  version: "0.1.0",
  description:
    "Warn, time out, kick and ban with numbered cases, a mod log, member reports and the audit log's human actions.",
  commands,
  // Each action's permissions are checked by the tool executor (and named in its refusal).
  permissions: ["ViewChannel", "SendMessages", "EmbedLinks"],
  dependencies: {},
  minMegawattsVersion: "0.2.0",
  schedules: [
    {
      kind: "moderation.audit-sync",
      schedule: "rate(5 minutes)",
      description: "Record bans, kicks, timeouts and unbans people made in Discord's own UI as cases",
    },
  ],
};

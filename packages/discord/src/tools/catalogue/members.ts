import { DiscordRequestError, type DiscordRestPort, defineTool } from "@megawatts/core";
import { type APIChannel, type APIGuildMember, type APIMessage, Routes } from "discord-api-types/v10";
import { z } from "zod";
import { mention, snowflake } from "./common.ts";

const memberId = snowflake.describe("The member's user id");
const MAX_TIMEOUT_MINUTES = 28 * 24 * 60;
/** Discord's code for a user who does not accept direct messages from the bot. */
export const CANNOT_MESSAGE_USER = 50007;
const notice = z
  .string()
  .min(1)
  .max(2000)
  .optional()
  .describe("A direct message to send them first (best effort: they may not accept DMs)");

/**
 * Sends `userId` a direct message, best effort: `"sent"`, or `"failed"` when Discord refuses
 * (they turned DMs off, or share no server with the bot any more).
 */
export async function tryDirectMessage(
  rest: DiscordRestPort,
  userId: string,
  content: string | undefined,
): Promise<"sent" | "failed" | "none"> {
  if (!content) return "none";
  try {
    const channel = await rest.call<APIChannel>({
      method: "POST",
      route: Routes.userChannels(),
      body: { recipient_id: userId },
    });
    await rest.call<APIMessage>({
      method: "POST",
      route: Routes.channelMessages(channel.id),
      body: { content, allowed_mentions: { parse: [] } },
    });
    return "sent";
  } catch (error) {
    if (error instanceof DiscordRequestError && error.status >= 400 && error.status < 500) return "failed";
    throw error;
  }
}

export const memberInfo = defineTool({
  name: "member_info",
  category: "members",
  description: "A member's name, roles, join date and timeout.",
  parameters: z.object({ memberId }),
  safety: "safe",
  memberPermissions: [],
  botPermissions: [],
  scope: "guild",
  targets: () => ({}),
  plan: (params) => `Look up ${mention.user(params.memberId)}.`,
  async run(params, { guildId, rest }) {
    const member = await rest.call<APIGuildMember>({
      method: "GET",
      route: Routes.guildMember(guildId, params.memberId),
    });
    const data = {
      id: member.user.id,
      username: member.user.username,
      nick: member.nick ?? null,
      roles: member.roles,
      joinedAt: member.joined_at,
      timedOutUntil: member.communication_disabled_until ?? null,
    };
    return {
      summary: `${mention.user(data.id)} (${data.username}): ${data.roles.length} roles, joined ${data.joinedAt}.`,
      data,
    };
  },
});

export const memberKick = defineTool({
  name: "member_kick",
  category: "members",
  description: "Kick a member from the server (they can join again with an invite).",
  parameters: z.object({ memberId, notice }),
  safety: "dangerous",
  memberPermissions: ["KickMembers"],
  botPermissions: ["KickMembers"],
  scope: "guild",
  targets: (params) => ({ memberId: params.memberId }),
  plan: (params) => `Kick ${mention.user(params.memberId)} from the server.`,
  async run(params, { guildId, rest }) {
    const dm = await tryDirectMessage(rest, params.memberId, params.notice);
    await rest.call({ method: "DELETE", route: Routes.guildMember(guildId, params.memberId) });
    return { summary: `Kicked ${mention.user(params.memberId)}.`, data: { ...params, dm } };
  },
});

export const memberBan = defineTool({
  name: "member_ban",
  category: "members",
  description: "Ban a user from the server, optionally deleting their recent messages.",
  parameters: z.object({
    userId: snowflake.describe("The user's id (they need not be a member)"),
    deleteMessageHours: z
      .number()
      .int()
      .min(0)
      .max(168)
      .default(0)
      .describe("Delete their messages from the last hours (max 168)"),
    notice,
  }),
  safety: "dangerous",
  memberPermissions: ["BanMembers"],
  botPermissions: ["BanMembers"],
  scope: "guild",
  targets: (params) => ({ memberId: params.userId, userMayBeAbsent: true }),
  plan: (params) =>
    `Ban ${mention.user(params.userId)}${params.deleteMessageHours ? ` and delete their messages from the last ${params.deleteMessageHours} hours` : ""}.`,
  async run(params, { guildId, rest }) {
    const dm = await tryDirectMessage(rest, params.userId, params.notice);
    await rest.call({
      method: "PUT",
      route: Routes.guildBan(guildId, params.userId),
      body: { delete_message_seconds: params.deleteMessageHours * 3600 },
    });
    return { summary: `Banned ${mention.user(params.userId)}.`, data: { ...params, dm } };
  },
});

export const memberUnban = defineTool({
  name: "member_unban",
  category: "members",
  description: "Lift a ban.",
  parameters: z.object({ userId: snowflake.describe("The banned user's id") }),
  safety: "moderate",
  memberPermissions: ["BanMembers"],
  botPermissions: ["BanMembers"],
  scope: "guild",
  targets: () => ({}),
  plan: (params) => `Lift the ban on ${mention.user(params.userId)}.`,
  async run(params, { guildId, rest }) {
    await rest.call({ method: "DELETE", route: Routes.guildBan(guildId, params.userId) });
    return { summary: `Lifted the ban on ${mention.user(params.userId)}.`, data: params };
  },
});

export const memberTimeout = defineTool({
  name: "member_timeout",
  category: "members",
  description: "Time a member out: they cannot talk, react or join voice until it ends (at most 28 days).",
  parameters: z.object({
    memberId,
    minutes: z.number().int().min(1).max(MAX_TIMEOUT_MINUTES).describe("How long, in minutes"),
    notice,
  }),
  safety: "moderate",
  memberPermissions: ["ModerateMembers"],
  botPermissions: ["ModerateMembers"],
  scope: "guild",
  targets: (params) => ({ memberId: params.memberId }),
  plan: (params) => `Time out ${mention.user(params.memberId)} for ${params.minutes} minutes.`,
  async run(params, { guildId, rest, clock }) {
    const dm = await tryDirectMessage(rest, params.memberId, params.notice);
    const until = new Date(clock.now() + params.minutes * 60_000).toISOString();
    await rest.call({
      method: "PATCH",
      route: Routes.guildMember(guildId, params.memberId),
      body: { communication_disabled_until: until },
    });
    return {
      summary: `Timed out ${mention.user(params.memberId)} until ${until}.`,
      data: { ...params, until, dm },
    };
  },
});

export const memberTimeoutRemove = defineTool({
  name: "member_timeout_remove",
  category: "members",
  description: "End a member's timeout now.",
  parameters: z.object({ memberId }),
  safety: "moderate",
  memberPermissions: ["ModerateMembers"],
  botPermissions: ["ModerateMembers"],
  scope: "guild",
  targets: (params) => ({ memberId: params.memberId }),
  plan: (params) => `End ${mention.user(params.memberId)}'s timeout.`,
  async run(params, { guildId, rest }) {
    await rest.call({
      method: "PATCH",
      route: Routes.guildMember(guildId, params.memberId),
      body: { communication_disabled_until: null },
    });
    return { summary: `Ended ${mention.user(params.memberId)}'s timeout.`, data: params };
  },
});

export const memberWarn = defineTool({
  name: "member_warn",
  category: "members",
  description: "Warn a member: the bot sends them the warning as a direct message (nothing else changes).",
  parameters: z.object({
    memberId,
    notice: z.string().min(1).max(2000).describe("The warning they receive"),
  }),
  safety: "moderate",
  memberPermissions: ["ModerateMembers"],
  botPermissions: [],
  scope: "guild",
  targets: (params) => ({ memberId: params.memberId }),
  plan: (params) => `Warn ${mention.user(params.memberId)} by direct message.`,
  async run(params, { rest }) {
    const dm = await tryDirectMessage(rest, params.memberId, params.notice);
    const how = dm === "sent" ? "by direct message" : "(they do not accept direct messages)";
    return { summary: `Warned ${mention.user(params.memberId)} ${how}.`, data: { ...params, dm } };
  },
});

export const memberTools = [
  memberInfo,
  memberKick,
  memberBan,
  memberUnban,
  memberTimeout,
  memberTimeoutRemove,
  memberWarn,
];

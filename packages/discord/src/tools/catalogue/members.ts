import { defineTool } from "@megawatts/core";
import { type APIGuildMember, Routes } from "discord-api-types/v10";
import { z } from "zod";
import { mention, snowflake } from "./common.ts";

const memberId = snowflake.describe("The member's user id");
const MAX_TIMEOUT_MINUTES = 28 * 24 * 60;

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
  parameters: z.object({ memberId }),
  safety: "dangerous",
  memberPermissions: ["KickMembers"],
  botPermissions: ["KickMembers"],
  scope: "guild",
  targets: (params) => ({ memberId: params.memberId }),
  plan: (params) => `Kick ${mention.user(params.memberId)} from the server.`,
  async run(params, { guildId, rest }) {
    await rest.call({ method: "DELETE", route: Routes.guildMember(guildId, params.memberId) });
    return { summary: `Kicked ${mention.user(params.memberId)}.`, data: params };
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
  }),
  safety: "dangerous",
  memberPermissions: ["BanMembers"],
  botPermissions: ["BanMembers"],
  scope: "guild",
  targets: (params) => ({ memberId: params.userId, userMayBeAbsent: true }),
  plan: (params) =>
    `Ban ${mention.user(params.userId)}${params.deleteMessageHours ? ` and delete their messages from the last ${params.deleteMessageHours} hours` : ""}.`,
  async run(params, { guildId, rest }) {
    await rest.call({
      method: "PUT",
      route: Routes.guildBan(guildId, params.userId),
      body: { delete_message_seconds: params.deleteMessageHours * 3600 },
    });
    return { summary: `Banned ${mention.user(params.userId)}.`, data: params };
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
  }),
  safety: "moderate",
  memberPermissions: ["ModerateMembers"],
  botPermissions: ["ModerateMembers"],
  scope: "guild",
  targets: (params) => ({ memberId: params.memberId }),
  plan: (params) => `Time out ${mention.user(params.memberId)} for ${params.minutes} minutes.`,
  async run(params, { guildId, rest }) {
    const until = new Date(Date.now() + params.minutes * 60_000).toISOString();
    await rest.call({
      method: "PATCH",
      route: Routes.guildMember(guildId, params.memberId),
      body: { communication_disabled_until: until },
    });
    return {
      summary: `Timed out ${mention.user(params.memberId)} until ${until}.`,
      data: { ...params, until },
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

export const memberTools = [
  memberInfo,
  memberKick,
  memberBan,
  memberUnban,
  memberTimeout,
  memberTimeoutRemove,
];

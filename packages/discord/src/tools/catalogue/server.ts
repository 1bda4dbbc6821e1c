import { DiscordRequestError, defineTool } from "@megawatts/core";
import {
  type APIAuditLog,
  type APIGuild,
  type APIGuildChannel,
  type APIGuildMember,
  type APIRole,
  ChannelType,
  type GuildChannelType,
  Routes,
} from "discord-api-types/v10";
import { z } from "zod";
import { snowflake } from "./common.ts";

const empty = z.object({});

export const serverInfo = defineTool({
  name: "server_info",
  category: "server",
  description: "The server's name, owner, member count and role count.",
  parameters: empty,
  safety: "safe",
  memberPermissions: [],
  botPermissions: [],
  scope: "guild",
  targets: () => ({}),
  plan: () => "Read the server's overview.",
  async run(_, { guildId, rest }) {
    const guild = await rest.call<APIGuild>({
      method: "GET",
      route: Routes.guild(guildId),
      query: { with_counts: "true" },
    });
    const data = {
      id: guild.id,
      name: guild.name,
      ownerId: guild.owner_id,
      members: guild.approximate_member_count ?? null,
      roles: guild.roles.length,
    };
    return {
      summary: `${data.name}: ${data.members ?? "?"} members, ${data.roles} roles, owner <@${data.ownerId}>.`,
      data,
    };
  },
});

export const serverChannels = defineTool({
  name: "server_channels",
  category: "server",
  description: "Every channel of the server: id, name, type and category.",
  parameters: empty,
  safety: "safe",
  memberPermissions: [],
  botPermissions: [],
  scope: "guild",
  targets: () => ({}),
  plan: () => "List the server's channels.",
  async run(_, { guildId, rest }) {
    const channels = await rest.call<APIGuildChannel<GuildChannelType>[]>({
      method: "GET",
      route: Routes.guildChannels(guildId),
    });
    const data = channels.map((channel) => ({
      id: channel.id,
      name: channel.name,
      type: ChannelType[channel.type],
      parentId: channel.parent_id ?? null,
    }));
    return {
      summary: `${data.length} channels: ${data.map((channel) => `#${channel.name}`).join(", ")}.`,
      data,
    };
  },
});

export const serverRoles = defineTool({
  name: "server_roles",
  category: "server",
  description: "Every role of the server, highest first: id, name, position.",
  parameters: empty,
  safety: "safe",
  memberPermissions: [],
  botPermissions: [],
  scope: "guild",
  targets: () => ({}),
  plan: () => "List the server's roles.",
  async run(_, { guildId, rest }) {
    const roles = await rest.call<APIRole[]>({ method: "GET", route: Routes.guildRoles(guildId) });
    const data = roles
      .sort((a, b) => b.position - a.position)
      .map((role) => ({
        id: role.id,
        name: role.name,
        position: role.position,
        permissions: role.permissions,
      }));
    return { summary: `${data.length} roles: ${data.map((role) => role.name).join(", ")}.`, data };
  },
});

export const serverMembers = defineTool({
  name: "server_members",
  category: "server",
  description:
    "A page of the server's members (up to 100, after a user id). Needs the Server Members privileged intent enabled for the bot in the Developer Portal.",
  parameters: z.object({
    limit: z.number().int().min(1).max(100).default(50),
    after: snowflake.optional().describe("Start after this user id"),
  }),
  safety: "safe",
  memberPermissions: [],
  botPermissions: [],
  scope: "guild",
  targets: () => ({}),
  plan: (params) => `List up to ${params.limit} members${params.after ? ` after ${params.after}` : ""}.`,
  async run(params, { guildId, rest }) {
    let members: APIGuildMember[];
    try {
      members = await rest.call<APIGuildMember[]>({
        method: "GET",
        route: Routes.guildMembers(guildId),
        query: { limit: String(params.limit), ...(params.after ? { after: params.after } : {}) },
      });
    } catch (error) {
      if (error instanceof DiscordRequestError && error.status === 403)
        throw new DiscordRequestError(
          403,
          error.code,
          "Listing members needs the Server Members privileged intent: enable it for the bot in the Discord Developer Portal",
          { cause: error },
        );
      throw error;
    }
    const data = members.map((member) => ({
      id: member.user.id,
      username: member.user.username,
      roles: member.roles,
    }));
    const next = data.length === params.limit ? data.at(-1)?.id : undefined;
    return {
      summary: `${data.length} members${next ? `; more after ${next}` : ""}.`,
      data: { members: data, next: next ?? null },
    };
  },
});

export const serverAuditLog = defineTool({
  name: "server_audit_log",
  category: "server",
  description:
    "A page of the server's audit log, newest first: who did what to whom, with the reason (before an entry id for older pages).",
  parameters: z.object({
    before: snowflake.optional().describe("Only entries older than this entry id"),
    actionType: z.number().int().min(1).max(255).optional().describe("Only this audit-log event type"),
    limit: z.number().int().min(1).max(100).default(50),
  }),
  safety: "safe",
  memberPermissions: ["ViewAuditLog"],
  botPermissions: ["ViewAuditLog"],
  scope: "guild",
  targets: () => ({}),
  plan: () => "Read the server's audit log.",
  async run(params, { guildId, rest }) {
    const query: Record<string, string> = { limit: String(params.limit) };
    if (params.before) query.before = params.before;
    if (params.actionType !== undefined) query.action_type = String(params.actionType);
    const log = await rest.call<APIAuditLog>({ method: "GET", route: Routes.guildAuditLog(guildId), query });
    const entries = log.audit_log_entries.map((entry) => ({
      id: entry.id,
      actionType: entry.action_type,
      userId: entry.user_id,
      targetId: entry.target_id,
      reason: entry.reason ?? null,
      changes: entry.changes ?? [],
    }));
    return { summary: `${entries.length} audit-log entries.`, data: { entries } };
  },
});

export const serverTools = [serverInfo, serverChannels, serverRoles, serverMembers, serverAuditLog];

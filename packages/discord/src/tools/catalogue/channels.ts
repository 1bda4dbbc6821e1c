import { defineTool, type ToolRunContext } from "@megawatts/core";
import {
  type APIGuildChannel,
  type APIThreadChannel,
  ChannelType,
  type GuildChannelType,
  PermissionFlagsBits,
  Routes,
} from "discord-api-types/v10";
import { z } from "zod";
import { channelId, mention, snowflake } from "./common.ts";

type Channel = APIGuildChannel<GuildChannelType> & { topic?: string | null; rate_limit_per_user?: number };
const TYPES = {
  text: ChannelType.GuildText,
  voice: ChannelType.GuildVoice,
  category: ChannelType.GuildCategory,
} as const;
const slowmode = z
  .number()
  .int()
  .min(0)
  .max(21_600)
  .describe("Seconds between a member's messages (0 turns it off)");

function brief(channel: Channel) {
  return {
    id: channel.id,
    name: channel.name,
    type: ChannelType[channel.type],
    parentId: channel.parent_id ?? null,
    topic: channel.topic ?? null,
    slowmode: channel.rate_limit_per_user ?? 0,
    overwrites: (channel.permission_overwrites ?? []).map(({ id, type, allow, deny }) => ({
      id,
      type,
      allow,
      deny,
    })),
  };
}

export const channelCreate = defineTool({
  name: "channel_create",
  category: "channels",
  description: "Create a text channel, voice channel or category.",
  parameters: z.object({
    name: z.string().min(1).max(100),
    type: z.enum(["text", "voice", "category"]).default("text"),
    parentId: snowflake.optional().describe("The category to put it in"),
    topic: z.string().max(1024).optional(),
    slowmode: slowmode.optional(),
  }),
  safety: "moderate",
  memberPermissions: ["ManageChannels"],
  botPermissions: ["ManageChannels"],
  scope: "guild",
  targets: () => ({}),
  plan: (params) =>
    `Create the ${params.type} channel "${params.name}"${params.parentId ? ` in ${mention.channel(params.parentId)}` : ""}.`,
  async run(params, { guildId, rest }) {
    const body = {
      name: params.name,
      type: TYPES[params.type],
      parent_id: params.parentId,
      topic: params.topic,
      rate_limit_per_user: params.slowmode,
    };
    const channel = await rest.call<Channel>({ method: "POST", route: Routes.guildChannels(guildId), body });
    return { summary: `Created ${mention.channel(channel.id)}.`, data: brief(channel) };
  },
});

export const threadCreate = defineTool({
  name: "thread_create",
  category: "channels",
  description: "Start a public thread in a text channel.",
  parameters: z.object({ channelId, name: z.string().min(1).max(100) }),
  safety: "moderate",
  memberPermissions: ["CreatePublicThreads"],
  botPermissions: ["CreatePublicThreads"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Start the thread "${params.name}" in ${mention.channel(params.channelId)}.`,
  async run(params, { rest }) {
    const thread = await rest.call<APIThreadChannel>({
      method: "POST",
      route: Routes.threads(params.channelId),
      body: { name: params.name, type: ChannelType.PublicThread },
    });
    return { summary: `Started ${mention.channel(thread.id)}.`, data: { id: thread.id, name: thread.name } };
  },
});

export const channelUpdate = defineTool({
  name: "channel_update",
  category: "channels",
  description: "Rename a channel or change its topic or slowmode.",
  parameters: z.object({
    channelId,
    name: z.string().min(1).max(100).optional(),
    topic: z.string().max(1024).optional(),
    slowmode: slowmode.optional(),
  }),
  safety: "moderate",
  memberPermissions: ["ManageChannels"],
  botPermissions: ["ManageChannels"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) =>
    `Change ${mention.channel(params.channelId)}: ${[params.name !== undefined && `name "${params.name}"`, params.topic !== undefined && "topic", params.slowmode !== undefined && `slowmode ${params.slowmode}s`].filter(Boolean).join(", ") || "nothing"}.`,
  async run(params, { rest }) {
    const body = Object.fromEntries(
      Object.entries({ name: params.name, topic: params.topic, rate_limit_per_user: params.slowmode }).filter(
        ([, value]) => value !== undefined,
      ),
    );
    const channel = await rest.call<Channel>({
      method: "PATCH",
      route: Routes.channel(params.channelId),
      body,
    });
    return { summary: `Updated ${mention.channel(channel.id)}.`, data: brief(channel) };
  },
});

const SENDING =
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads;

/**
 * Sets or clears Send Messages (and thread sending) in the `@everyone` overwrite, keeping its
 * other bits. Locking also allows the bot itself to speak there, or it would lock itself out.
 */
async function setLocked(channelId: string, context: ToolRunContext, locked: boolean) {
  const { rest, guildId, botUserId } = context;
  const channel = await rest.call<Channel>({ method: "GET", route: Routes.channel(channelId) });
  const overwrites = channel.permission_overwrites ?? [];
  const current = overwrites.find((overwrite) => overwrite.id === guildId);
  const allow = BigInt(current?.allow ?? "0") & ~SENDING;
  const deny = locked ? BigInt(current?.deny ?? "0") | SENDING : BigInt(current?.deny ?? "0") & ~SENDING;
  await rest.call({
    method: "PUT",
    route: Routes.channelPermission(channelId, guildId),
    body: { type: 0, allow: String(allow), deny: String(deny) },
  });
  if (!locked) return;
  const own = overwrites.find((overwrite) => overwrite.id === botUserId);
  const botAllow = BigInt(own?.allow ?? "0") | SENDING | PermissionFlagsBits.ViewChannel;
  await rest.call({
    method: "PUT",
    route: Routes.channelPermission(channelId, botUserId),
    body: { type: 1, allow: String(botAllow), deny: own?.deny ?? "0" },
  });
}

export const channelLock = defineTool({
  name: "channel_lock",
  category: "channels",
  description:
    "Lock a channel: @everyone can no longer send messages in it (roles with their own overwrite still can).",
  parameters: z.object({ channelId }),
  safety: "moderate",
  memberPermissions: ["ManageChannels", "ManageRoles"],
  botPermissions: ["ManageChannels", "ManageRoles"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Lock ${mention.channel(params.channelId)}: deny Send Messages to @everyone.`,
  async run(params, context) {
    await setLocked(params.channelId, context, true);
    return {
      summary: `Locked ${mention.channel(params.channelId)}.`,
      data: { channelId: params.channelId, locked: true },
    };
  },
});

export const channelUnlock = defineTool({
  name: "channel_unlock",
  category: "channels",
  description: "Unlock a channel locked with channel_lock.",
  parameters: z.object({ channelId }),
  safety: "moderate",
  memberPermissions: ["ManageChannels", "ManageRoles"],
  botPermissions: ["ManageChannels", "ManageRoles"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Unlock ${mention.channel(params.channelId)}: stop denying Send Messages to @everyone.`,
  async run(params, context) {
    await setLocked(params.channelId, context, false);
    return {
      summary: `Unlocked ${mention.channel(params.channelId)}.`,
      data: { channelId: params.channelId, locked: false },
    };
  },
});

export const channelDelete = defineTool({
  name: "channel_delete",
  category: "channels",
  description: "Delete a channel and every message in it.",
  parameters: z.object({ channelId }),
  safety: "dangerous",
  memberPermissions: ["ManageChannels"],
  botPermissions: ["ManageChannels"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Delete ${mention.channel(params.channelId)} and every message in it.`,
  async run(params, { rest }) {
    const channel = await rest.call<Channel>({ method: "DELETE", route: Routes.channel(params.channelId) });
    return { summary: `Deleted #${channel.name}.`, data: { id: channel.id, name: channel.name } };
  },
});

export const channelInfo = defineTool({
  name: "channel_info",
  category: "channels",
  description: "A channel's name, type, category, topic, slowmode and permission overwrites.",
  parameters: z.object({ channelId }),
  safety: "safe",
  memberPermissions: ["ViewChannel"],
  botPermissions: ["ViewChannel"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Read ${mention.channel(params.channelId)}'s settings.`,
  async run(params, { rest }) {
    const channel = await rest.call<Channel>({ method: "GET", route: Routes.channel(params.channelId) });
    const data = brief(channel);
    return {
      summary: `#${data.name}: ${data.type}, slowmode ${data.slowmode}s, ${data.overwrites.length} overwrites${data.topic ? `, topic "${data.topic}"` : ""}.`,
      data,
    };
  },
});

export const channelTools = [
  channelCreate,
  threadCreate,
  channelUpdate,
  channelLock,
  channelUnlock,
  channelDelete,
  channelInfo,
];

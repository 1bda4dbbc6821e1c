import { defineTool } from "@megawatts/core";
import { type APIMessage, type APIThreadChannel, ChannelType, Routes } from "discord-api-types/v10";
import { z } from "zod";
import { channelId, mention, snowflake } from "./common.ts";

const threadId = snowflake.describe("The thread's id");

/** A message as a transcript or a model reads it: who, when, what, files by name and URL, embeds in brief. */
export function messageRecord(message: APIMessage) {
  return {
    id: message.id,
    authorId: message.author.id,
    author: message.author.username,
    bot: message.author.bot ?? false,
    at: message.timestamp,
    editedAt: message.edited_timestamp,
    content: message.content,
    attachments: message.attachments.map((file) => ({ name: file.filename, url: file.url, size: file.size })),
    embeds: message.embeds.map((embed) => ({
      ...(embed.title ? { title: embed.title } : {}),
      ...(embed.description ? { description: embed.description.slice(0, 300) } : {}),
      ...(embed.url ? { url: embed.url } : {}),
      fields: embed.fields?.length ?? 0,
    })),
  };
}
export type MessageRecord = ReturnType<typeof messageRecord>;

export const threadCreatePrivate = defineTool({
  name: "thread_create_private",
  category: "channels",
  description:
    "Start a private thread in a text channel and bring members and roles in by mentioning them in its first message (Discord adds mentioned people who can see the channel).",
  parameters: z.object({
    channelId,
    name: z.string().min(1).max(100),
    memberIds: z.array(snowflake).max(10).default([]).describe("Members to add"),
    roleIds: z.array(snowflake).max(5).default([]).describe("Roles whose members are added"),
    message: z.string().min(1).max(1500).describe("The first message"),
  }),
  safety: "moderate",
  memberPermissions: ["CreatePrivateThreads"],
  botPermissions: ["ViewChannel", "CreatePrivateThreads", "SendMessagesInThreads"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) =>
    `Start the private thread "${params.name}" in ${mention.channel(params.channelId)} with ${[...params.memberIds.map(mention.user), ...params.roleIds.map(mention.role)].join(", ") || "nobody else"}.`,
  async run(params, { rest }) {
    const thread = await rest.call<APIThreadChannel>({
      method: "POST",
      route: Routes.threads(params.channelId),
      body: { name: params.name, type: ChannelType.PrivateThread, invitable: false },
    });
    for (const memberId of params.memberIds)
      await rest.call({ method: "PUT", route: Routes.threadMembers(thread.id, memberId) });
    const mentions = [...params.memberIds.map(mention.user), ...params.roleIds.map(mention.role)].join(" ");
    const message = await rest.call<APIMessage>({
      method: "POST",
      route: Routes.channelMessages(thread.id),
      body: {
        content: `${mentions}\n${params.message}`.trim(),
        allowed_mentions: { users: params.memberIds, roles: params.roleIds },
      },
    });
    return {
      summary: `Started ${mention.channel(thread.id)}.`,
      data: { id: thread.id, name: thread.name, messageId: message.id },
    };
  },
});

export const threadClose = defineTool({
  name: "thread_close",
  category: "channels",
  description: "Archive and lock a thread, so only moderators can post in or reopen it.",
  parameters: z.object({ threadId }),
  safety: "moderate",
  memberPermissions: ["ManageThreads"],
  botPermissions: ["ViewChannel", "ManageThreads"],
  scope: "channel",
  targets: (params) => ({ channelId: params.threadId }),
  plan: (params) => `Archive and lock ${mention.channel(params.threadId)}.`,
  async run(params, { rest }) {
    await rest.call({
      method: "PATCH",
      route: Routes.channel(params.threadId),
      body: { archived: true, locked: true },
    });
    return {
      summary: `Archived and locked ${mention.channel(params.threadId)}.`,
      data: { id: params.threadId },
    };
  },
});

export const messageHistory = defineTool({
  name: "message_history",
  category: "messages",
  description:
    "Read a page of a channel's or thread's messages, newest first, with attachments and embeds; page back with `before`.",
  parameters: z.object({
    channelId,
    before: snowflake.optional().describe("Only messages older than this one"),
    limit: z.number().int().min(1).max(100).default(100),
  }),
  safety: "safe",
  memberPermissions: ["ViewChannel", "ReadMessageHistory"],
  botPermissions: ["ViewChannel", "ReadMessageHistory"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Read up to ${params.limit} messages of ${mention.channel(params.channelId)}.`,
  async run(params, { rest }) {
    const messages = await rest.call<APIMessage[]>({
      method: "GET",
      route: Routes.channelMessages(params.channelId),
      query: { limit: String(params.limit), ...(params.before ? { before: params.before } : {}) },
    });
    return {
      summary: `${messages.length} messages from ${mention.channel(params.channelId)}.`,
      data: messages.map(messageRecord),
    };
  },
});

export const threadTools = [threadCreatePrivate, threadClose, messageHistory];

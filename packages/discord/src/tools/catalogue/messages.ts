import { type DiscordRestPort, defineTool } from "@megawatts/core";
import { type APIMessage, Routes } from "discord-api-types/v10";
import { z } from "zod";
import { channelId, mention, snowflake } from "./common.ts";

/** Discord bulk-deletes only messages younger than 14 days (kept a minute short), 2 to 100 per call. */
export const BULK_DELETE_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000 - 60_000;
export const BULK_DELETE_PER_CALL = 100;
const PAGE = 100;
const messageId = snowflake.describe("The message's id");
const content = z.string().min(1).max(2000);
/** Embeds and buttons as Discord takes them; the bot's own posts (a mod log entry, a report) carry them. */
const rich = {
  embeds: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  components: z.array(z.record(z.string(), z.unknown())).max(5).optional(),
};
const someContent = (params: { content?: string | undefined; embeds?: unknown[] | undefined }) =>
  params.content !== undefined || (params.embeds?.length ?? 0) > 0;
const NEEDS_CONTENT = { message: "give content or at least one embed" };

function brief(message: APIMessage) {
  return {
    id: message.id,
    authorId: message.author.id,
    author: message.author.username,
    content: message.content,
    at: message.timestamp,
    pinned: message.pinned,
  };
}

export const messageSend = defineTool({
  name: "message_send",
  category: "messages",
  description: "Post a message as the bot.",
  parameters: z
    .object({ channelId, content: content.optional(), ...rich })
    .refine(someContent, NEEDS_CONTENT),
  safety: "moderate",
  memberPermissions: ["SendMessages"],
  botPermissions: ["ViewChannel", "SendMessages"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) =>
    `Post in ${mention.channel(params.channelId)}: "${(params.content ?? "an embed").slice(0, 100)}".`,
  async run({ channelId, ...body }, { rest }) {
    // Mentions in a message written for someone else never ping: no @everyone from a tool.
    const message = await rest.call<APIMessage>({
      method: "POST",
      route: Routes.channelMessages(channelId),
      body: { ...body, allowed_mentions: { parse: [] } },
    });
    return {
      summary: `Posted message ${message.id} in ${mention.channel(channelId)}.`,
      data: { id: message.id },
    };
  },
});

export const messageEdit = defineTool({
  name: "message_edit",
  category: "messages",
  description: "Edit a message the bot posted.",
  parameters: z
    .object({ channelId, messageId, content: content.optional(), ...rich })
    .refine(someContent, NEEDS_CONTENT),
  safety: "moderate",
  // As in Discord, only the author edits a message and needs no Manage Messages for it: who may
  // post through the bot in the channel may edit its posts there; others' messages are refused (50005).
  memberPermissions: ["SendMessages"],
  botPermissions: ["ViewChannel"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Edit the bot's message ${params.messageId} in ${mention.channel(params.channelId)}.`,
  async run({ channelId, messageId, ...body }, { rest }) {
    await rest.call({
      method: "PATCH",
      route: Routes.channelMessage(channelId, messageId),
      body: { ...body, allowed_mentions: { parse: [] } },
    });
    return { summary: `Edited message ${messageId}.`, data: { id: messageId } };
  },
});

export const messageDelete = defineTool({
  name: "message_delete",
  category: "messages",
  description: "Delete one message.",
  parameters: z.object({ channelId, messageId }),
  safety: "dangerous",
  memberPermissions: ["ManageMessages"],
  botPermissions: ["ViewChannel", "ManageMessages"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Delete message ${params.messageId} in ${mention.channel(params.channelId)}.`,
  async run(params, { rest }) {
    await rest.call({ method: "DELETE", route: Routes.channelMessage(params.channelId, params.messageId) });
    return { summary: `Deleted message ${params.messageId}.`, data: { id: params.messageId } };
  },
});

async function collect(
  rest: DiscordRestPort,
  params: { channelId: string; count: number; authorId?: string | undefined; contains?: string | undefined },
  now: number,
) {
  const cutoff = now - BULK_DELETE_MAX_AGE_MS;
  const ids: string[] = [];
  let before: string | undefined;
  let reachedOld = false;
  for (let page = 0; page < 50 && ids.length < params.count && !reachedOld; page += 1) {
    const query: Record<string, string> = { limit: String(PAGE), ...(before ? { before } : {}) };
    const messages = await rest.call<APIMessage[]>({
      method: "GET",
      route: Routes.channelMessages(params.channelId),
      query,
    });
    for (const message of messages) {
      if (Date.parse(message.timestamp) < cutoff) {
        reachedOld = true;
        break;
      }
      if (params.authorId && message.author.id !== params.authorId) continue;
      if (params.contains && !message.content.toLowerCase().includes(params.contains.toLowerCase())) continue;
      ids.push(message.id);
      if (ids.length >= params.count) break;
    }
    if (messages.length < PAGE) break;
    before = messages.at(-1)?.id;
  }
  return { ids, reachedOld };
}

export const messageBulkDelete = defineTool({
  name: "message_bulk_delete",
  category: "messages",
  description:
    "Delete the latest messages of a channel, optionally only one member's or those containing some text. Discord deletes only messages younger than 14 days this way, 100 per call.",
  parameters: z.object({
    channelId,
    count: z.number().int().min(1).max(1000).describe("How many matching messages, newest first"),
    authorId: snowflake.optional().describe("Only this member's messages"),
    contains: z.string().min(1).max(100).optional().describe("Only messages containing this text"),
  }),
  safety: "dangerous",
  memberPermissions: ["ManageMessages"],
  botPermissions: ["ViewChannel", "ReadMessageHistory", "ManageMessages"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) =>
    `Delete up to ${params.count} of the latest messages in ${mention.channel(params.channelId)}${params.authorId ? ` by ${mention.user(params.authorId)}` : ""}${params.contains ? ` containing "${params.contains}"` : ""} (only those younger than 14 days).`,
  async run(params, { rest, progress, clock }) {
    const { ids, reachedOld } = await collect(rest, params, clock.now());
    let deleted = 0;
    for (let start = 0; start < ids.length; start += BULK_DELETE_PER_CALL) {
      const chunk = ids.slice(start, start + BULK_DELETE_PER_CALL);
      if (chunk.length === 1)
        await rest.call({ method: "DELETE", route: Routes.channelMessage(params.channelId, chunk[0] ?? "") });
      else
        await rest.call({
          method: "POST",
          route: Routes.channelBulkDelete(params.channelId),
          body: { messages: chunk },
        });
      deleted += chunk.length;
      if (ids.length > BULK_DELETE_PER_CALL) await progress(`Deleted ${deleted} of ${ids.length} messages…`);
    }
    const note =
      reachedOld && deleted < params.count
        ? " Older messages are left: Discord bulk-deletes only messages younger than 14 days."
        : "";
    return {
      summary: `Deleted ${deleted} messages in ${mention.channel(params.channelId)}.${note}`,
      data: { deleted, stoppedAtOld: reachedOld },
    };
  },
});

export const messageGet = defineTool({
  name: "message_get",
  category: "messages",
  description: "Read one message, or the latest messages of a channel.",
  parameters: z.object({
    channelId,
    messageId: messageId.optional(),
    limit: z.number().int().min(1).max(50).default(10),
  }),
  safety: "safe",
  memberPermissions: ["ViewChannel", "ReadMessageHistory"],
  botPermissions: ["ViewChannel", "ReadMessageHistory"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) =>
    params.messageId
      ? `Read message ${params.messageId}.`
      : `Read the latest ${params.limit} messages of ${mention.channel(params.channelId)}.`,
  async run(params, { rest }) {
    if (params.messageId) {
      const message = await rest.call<APIMessage>({
        method: "GET",
        route: Routes.channelMessage(params.channelId, params.messageId),
      });
      return { summary: `Message ${message.id} by ${message.author.username}.`, data: brief(message) };
    }
    const messages = await rest.call<APIMessage[]>({
      method: "GET",
      route: Routes.channelMessages(params.channelId),
      query: { limit: String(params.limit) },
    });
    return {
      summary: `${messages.length} messages from ${mention.channel(params.channelId)}.`,
      data: messages.map(brief),
    };
  },
});

function pinTool(pin: boolean) {
  return defineTool({
    name: pin ? "message_pin" : "message_unpin",
    category: "messages",
    description: pin ? "Pin a message in its channel." : "Unpin a message.",
    parameters: z.object({ channelId, messageId }),
    safety: "moderate",
    memberPermissions: ["PinMessages"],
    botPermissions: ["ViewChannel", "PinMessages"],
    scope: "channel",
    targets: (params) => ({ channelId: params.channelId }),
    plan: (params) =>
      `${pin ? "Pin" : "Unpin"} message ${params.messageId} in ${mention.channel(params.channelId)}.`,
    async run(params, { rest }) {
      await rest.call({
        method: pin ? "PUT" : "DELETE",
        route: Routes.channelMessagesPin(params.channelId, params.messageId),
      });
      return { summary: `${pin ? "Pinned" : "Unpinned"} message ${params.messageId}.`, data: params };
    },
  });
}

export const messagePin = pinTool(true);
export const messageUnpin = pinTool(false);

export const messageTools = [
  messageSend,
  messageEdit,
  messageDelete,
  messageBulkDelete,
  messageGet,
  messagePin,
  messageUnpin,
];

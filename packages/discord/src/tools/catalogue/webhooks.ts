import { DiscordRequestError, type DiscordRestPort, defineTool } from "@megawatts/core";
import { type APIMessage, type APIWebhook, Routes } from "discord-api-types/v10";
import { z } from "zod";
import { channelId, mention, snowflake } from "./common.ts";

const webhookId = snowflake.describe("The webhook's id");
const name = z
  .string()
  .min(1)
  .max(80)
  .refine((value) => !/clyde|discord/i.test(value), 'must not contain "clyde" or "discord"');

const brief = (hook: APIWebhook) => ({ id: hook.id, name: hook.name, channelId: hook.channel_id });

/** A webhook of this server; one of another server is as unknown as one that does not exist. */
async function ownWebhook(rest: DiscordRestPort, guildId: string, id: string): Promise<APIWebhook> {
  const hook = await rest.call<APIWebhook>({ method: "GET", route: Routes.webhook(id) });
  if (hook.guild_id !== guildId) throw new DiscordRequestError(404, 10015, "Unknown Webhook");
  return hook;
}

export const webhookCreate = defineTool({
  name: "webhook_create",
  category: "webhooks",
  description: "Create a webhook in a channel.",
  parameters: z.object({ channelId, name }),
  safety: "moderate",
  memberPermissions: ["ManageWebhooks"],
  botPermissions: ["ManageWebhooks"],
  scope: "channel",
  targets: (params) => ({ channelId: params.channelId }),
  plan: (params) => `Create the webhook "${params.name}" in ${mention.channel(params.channelId)}.`,
  async run(params, { rest }) {
    const hook = await rest.call<APIWebhook>({
      method: "POST",
      route: Routes.channelWebhooks(params.channelId),
      body: { name: params.name },
    });
    // The token stays out of the result: whoever holds it can post as the webhook.
    return {
      summary: `Created the webhook ${hook.name} (${hook.id}) in ${mention.channel(params.channelId)}.`,
      data: brief(hook),
    };
  },
});

export const webhookUpdate = defineTool({
  name: "webhook_update",
  category: "webhooks",
  description: "Rename a webhook or move it to another channel.",
  parameters: z.object({ webhookId, name: name.optional(), channelId: channelId.optional() }),
  safety: "moderate",
  memberPermissions: ["ManageWebhooks"],
  botPermissions: ["ManageWebhooks"],
  scope: "guild",
  targets: () => ({}),
  plan: (params) =>
    `Change the webhook ${params.webhookId}${params.name ? `: name "${params.name}"` : ""}${params.channelId ? `, move to ${mention.channel(params.channelId)}` : ""}.`,
  async run(params, { guildId, rest }) {
    await ownWebhook(rest, guildId, params.webhookId);
    if (params.channelId) {
      const channel = await rest.call<{ guild_id?: string }>({
        method: "GET",
        route: Routes.channel(params.channelId),
      });
      if (channel.guild_id !== guildId) throw new DiscordRequestError(404, 10003, "Unknown Channel");
    }
    const body = Object.fromEntries(
      Object.entries({ name: params.name, channel_id: params.channelId }).filter(
        ([, value]) => value !== undefined,
      ),
    );
    const hook = await rest.call<APIWebhook>({
      method: "PATCH",
      route: Routes.webhook(params.webhookId),
      body,
    });
    return { summary: `Updated the webhook ${hook.name}.`, data: brief(hook) };
  },
});

export const webhookDelete = defineTool({
  name: "webhook_delete",
  category: "webhooks",
  description: "Delete a webhook; anything posting through it stops working.",
  parameters: z.object({ webhookId }),
  safety: "dangerous",
  memberPermissions: ["ManageWebhooks"],
  botPermissions: ["ManageWebhooks"],
  scope: "guild",
  targets: () => ({}),
  plan: (params) => `Delete the webhook ${params.webhookId}; anything posting through it stops working.`,
  async run(params, { guildId, rest }) {
    await ownWebhook(rest, guildId, params.webhookId);
    await rest.call({ method: "DELETE", route: Routes.webhook(params.webhookId) });
    return { summary: `Deleted the webhook ${params.webhookId}.`, data: params };
  },
});

export const webhookList = defineTool({
  name: "webhook_list",
  category: "webhooks",
  description: "The server's webhooks, or one channel's.",
  parameters: z.object({ channelId: channelId.optional() }),
  safety: "safe",
  memberPermissions: ["ManageWebhooks"],
  botPermissions: ["ManageWebhooks"],
  scope: "guild",
  targets: () => ({}),
  plan: (params) => `List the webhooks${params.channelId ? ` of ${mention.channel(params.channelId)}` : ""}.`,
  async run(params, { guildId, rest }) {
    const hooks = await rest.call<APIWebhook[]>({ method: "GET", route: Routes.guildWebhooks(guildId) });
    const data = hooks.filter((hook) => !params.channelId || hook.channel_id === params.channelId).map(brief);
    return {
      summary: `${data.length} webhooks${data.length ? `: ${data.map((hook) => hook.name).join(", ")}` : ""}.`,
      data,
    };
  },
});

export const webhookExecute = defineTool({
  name: "webhook_execute",
  category: "webhooks",
  description: "Post a message through a webhook of this server.",
  parameters: z.object({ webhookId, content: z.string().min(1).max(2000), username: name.optional() }),
  safety: "moderate",
  memberPermissions: ["ManageWebhooks"],
  botPermissions: ["ManageWebhooks"],
  scope: "guild",
  targets: () => ({}),
  plan: (params) => `Post through the webhook ${params.webhookId}: "${params.content.slice(0, 100)}".`,
  async run(params, { guildId, rest }) {
    const hook = await ownWebhook(rest, guildId, params.webhookId);
    if (!hook.token)
      throw new DiscordRequestError(400, 0, "This webhook has no token (it is not an incoming webhook)");
    const body = {
      content: params.content,
      allowed_mentions: { parse: [] },
      ...(params.username ? { username: params.username } : {}),
    };
    const message = await rest.call<APIMessage>({
      method: "POST",
      route: Routes.webhook(hook.id, hook.token),
      body,
      query: { wait: "true" },
    });
    return { summary: `Posted message ${message.id} through ${hook.name}.`, data: { id: message.id } };
  },
});

export const webhookTools = [webhookCreate, webhookUpdate, webhookDelete, webhookList, webhookExecute];

import { randomBytes } from "node:crypto";
import { type APIWebhook, AuditLogEvent, PermissionFlagsBits, WebhookType } from "discord-api-types/v10";
import { messageError } from "../../discord-sink-messages.ts";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { botCan } from "./channels.ts";
import { fail, invalidBody, missingPermissions, noContent, ok, unknown } from "./replies.ts";
import type { GuildState, SinkChannel } from "./state.ts";
import type { GuildRequest } from "./types.ts";

function validName(name: unknown): SinkReply | undefined {
  if (typeof name !== "string" || name.length < 1 || name.length > 80)
    return invalidBody("name", "Must be between 1 and 80 in length.");
  if (/clyde|discord/i.test(name))
    return invalidBody("name", 'Username cannot contain "clyde" or "discord".');
  return undefined;
}

/** `GET|POST /channels/{id}/webhooks`. */
export function channelWebhooksRoute(
  state: GuildState,
  channel: SinkChannel,
  request: GuildRequest,
): SinkReply {
  if (!botCan(state, channel.id, PermissionFlagsBits.ManageWebhooks)) return missingPermissions();
  if (request.method === "GET")
    return ok([...state.webhooks.values()].filter((hook) => hook.channel_id === channel.id));
  if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
  const body = (request.body ?? {}) as { name?: unknown };
  const invalid = validName(body.name);
  if (invalid) return invalid;
  const webhook = {
    id: state.nextId(),
    type: WebhookType.Incoming,
    guild_id: state.id,
    channel_id: channel.id,
    name: body.name as string,
    avatar: null,
    token: randomBytes(32).toString("base64url"),
    application_id: null,
    user: state.users.get(state.botUserId),
  } as APIWebhook;
  state.webhooks.set(webhook.id, webhook);
  state.audit(AuditLogEvent.WebhookCreate, { targetId: webhook.id, reason: request.reason });
  return ok(webhook);
}

/** `GET /guilds/{id}/webhooks`. */
export function guildWebhooksRoute(state: GuildState, request: GuildRequest): SinkReply {
  if (request.method !== "GET") return fail(405, 0, "405: Method Not Allowed");
  if ((state.permissionsOf(state.botUserId) & PermissionFlagsBits.ManageWebhooks) === 0n)
    return missingPermissions();
  return ok([...state.webhooks.values()]);
}

/** `GET|PATCH|DELETE /webhooks/{id}` with the bot token. */
export function webhookRoute(state: GuildState, webhook: APIWebhook, request: GuildRequest): SinkReply {
  const channelId = webhook.channel_id ?? "";
  if (!botCan(state, channelId, PermissionFlagsBits.ManageWebhooks)) return missingPermissions();
  if (request.method === "GET") return ok(webhook);
  if (request.method === "DELETE") {
    state.webhooks.delete(webhook.id);
    state.audit(AuditLogEvent.WebhookDelete, { targetId: webhook.id, reason: request.reason });
    return noContent();
  }
  if (request.method !== "PATCH") return fail(405, 0, "405: Method Not Allowed");
  const body = (request.body ?? {}) as { name?: unknown; channel_id?: string };
  if (body.name !== undefined) {
    const invalid = validName(body.name);
    if (invalid) return invalid;
    webhook.name = body.name as string;
  }
  if (body.channel_id !== undefined) {
    if (!state.channels.has(body.channel_id)) return unknown("Channel");
    if (!botCan(state, body.channel_id, PermissionFlagsBits.ManageWebhooks)) return missingPermissions();
    webhook.channel_id = body.channel_id;
  }
  state.audit(AuditLogEvent.WebhookUpdate, { targetId: webhook.id, reason: request.reason });
  return ok(webhook);
}

/** `POST /webhooks/{id}/{token}`: posts as the webhook; `?wait=true` returns the message. */
export function executeWebhookRoute(
  state: GuildState,
  webhook: APIWebhook,
  token: string,
  request: GuildRequest,
): SinkReply {
  if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
  if (webhook.token !== token) return fail(401, 50027, "Invalid Webhook Token");
  const error = messageError(request.body, true);
  if (error) return { status: 400, body: error };
  const body = request.body as { content?: string; username?: string };
  const author = {
    id: webhook.id,
    username: body.username ?? webhook.name ?? "webhook",
    discriminator: "0000",
    global_name: null,
    avatar: null,
    bot: true,
  };
  const message = state.addMessage(webhook.channel_id ?? "", author, {
    content: body.content ?? "",
    webhookId: webhook.id,
  });
  return request.query.get("wait") === "true" ? ok(message) : noContent();
}

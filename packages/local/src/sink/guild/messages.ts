import { type APIMessage, AuditLogEvent, PermissionFlagsBits } from "discord-api-types/v10";
import { messageError } from "../../discord-sink-messages.ts";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { botCan } from "./channels.ts";
import {
  DiscordCode,
  fail,
  invalidBody,
  missingAccess,
  missingPermissions,
  noContent,
  ok,
  unknown,
} from "./replies.ts";
import type { GuildState, SinkChannel } from "./state.ts";
import { afterThreadPost, isThread, seesThread, threadPostRefusal } from "./threads.ts";
import type { GuildRequest } from "./types.ts";

const FOURTEEN_DAYS_MS = 14 * 24 * 60 * 60 * 1000;
const MAX_PINS = 250;
const MESSAGE_FIELDS = ["content", "embeds", "components", "flags", "attachments"] as const;

function pick(body: Record<string, unknown>) {
  return Object.fromEntries(MESSAGE_FIELDS.filter((key) => key in body).map((key) => [key, body[key]]));
}

/** `GET|POST /channels/{id}/messages` (list with `limit`, `before`, `after`; send). */
export function messagesRoute(state: GuildState, channel: SinkChannel, request: GuildRequest): SinkReply {
  if (!botCan(state, channel.id, PermissionFlagsBits.ViewChannel)) return missingAccess();
  if (isThread(channel) && !seesThread(state, channel, state.botUserId)) return missingAccess();
  const list = state.messages.get(channel.id) ?? [];
  if (request.method === "GET") {
    if (!botCan(state, channel.id, PermissionFlagsBits.ReadMessageHistory)) return ok([]);
    const limit = Number(request.query.get("limit") ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return invalidBody("limit", "int value should be between 1 and 100.");
    const before = request.query.get("before");
    const after = request.query.get("after");
    let page = [...list].reverse();
    if (before) page = page.filter((message) => BigInt(message.id) < BigInt(before));
    if (after) page = page.filter((message) => BigInt(message.id) > BigInt(after));
    return ok(page.slice(0, limit));
  }
  if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
  if (isThread(channel)) {
    const refusal = threadPostRefusal(state, channel, state.botUserId);
    if (refusal) return refusal;
  } else if (!botCan(state, channel.id, PermissionFlagsBits.SendMessages)) return missingPermissions();
  const error = messageError(request.body, true);
  if (error) return { status: 400, body: error };
  const author = state.users.get(state.botUserId);
  if (!author) return unknown("User");
  const message = state.addMessage(channel.id, author, { content: "" });
  Object.assign(message, pick(request.body as Record<string, unknown>));
  afterThreadPost(state, channel, request.body);
  return ok(message);
}

/** `GET|PATCH|DELETE /channels/{id}/messages/{message}`. */
export function messageRoute(
  state: GuildState,
  channel: SinkChannel,
  messageId: string,
  request: GuildRequest,
): SinkReply {
  if (!botCan(state, channel.id, PermissionFlagsBits.ViewChannel)) return missingAccess();
  const message = state.findMessage(channel.id, messageId);
  if (!message) return unknown("Message");
  if (request.method === "GET") return ok(message);
  if (request.method === "PATCH") {
    if (message.author.id !== state.botUserId)
      return fail(403, DiscordCode.CannotEditOthersMessage, "Cannot edit a message authored by another user");
    const error = messageError(request.body, false);
    if (error) return { status: 400, body: error };
    Object.assign(message, pick(request.body as Record<string, unknown>), {
      edited_timestamp: new Date().toISOString(),
    });
    return ok(message);
  }
  if (request.method !== "DELETE") return fail(405, 0, "405: Method Not Allowed");
  const own = message.author.id === state.botUserId;
  if (!own && !botCan(state, channel.id, PermissionFlagsBits.ManageMessages)) return missingPermissions();
  remove(state, channel.id, new Set([messageId]));
  if (!own)
    state.audit(AuditLogEvent.MessageDelete, {
      targetId: message.author.id,
      reason: request.reason,
      options: { channel_id: channel.id, count: "1" },
    });
  return noContent();
}

function remove(state: GuildState, channelId: string, ids: Set<string>) {
  state.messages.set(
    channelId,
    (state.messages.get(channelId) ?? []).filter((message) => !ids.has(message.id)),
  );
}

/** `POST /channels/{id}/messages/bulk-delete`: 2 to 100 ids, none older than 14 days. */
export function bulkDeleteRoute(state: GuildState, channel: SinkChannel, request: GuildRequest): SinkReply {
  if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
  if (!botCan(state, channel.id, PermissionFlagsBits.ViewChannel)) return missingAccess();
  if (!botCan(state, channel.id, PermissionFlagsBits.ManageMessages)) return missingPermissions();
  const ids = (request.body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(ids) || ids.length < 2 || ids.length > 100)
    return fail(400, DiscordCode.BulkDeleteCount, "You must provide between 2 and 100 messages to delete.");
  const found = ids.map((id) => state.findMessage(channel.id, String(id)));
  const cutoff = Date.now() - FOURTEEN_DAYS_MS;
  if (found.some((message) => message && Date.parse(message.timestamp) < cutoff))
    return fail(
      400,
      DiscordCode.BulkDeleteTooOld,
      "You can only bulk delete messages that are under 14 days old.",
    );
  remove(state, channel.id, new Set(ids.map(String)));
  state.audit(AuditLogEvent.MessageBulkDelete, {
    targetId: channel.id,
    reason: request.reason,
    options: { count: String(found.filter(Boolean).length) },
  });
  return noContent();
}

/** `GET /channels/{id}/pins` (and `/messages/pins`), `PUT|DELETE` one pin. */
export function pinsRoute(
  state: GuildState,
  channel: SinkChannel,
  messageId: string | undefined,
  request: GuildRequest,
  modern: boolean,
): SinkReply {
  if (!botCan(state, channel.id, PermissionFlagsBits.ViewChannel)) return missingAccess();
  const pinned = (state.messages.get(channel.id) ?? []).filter((message) => message.pinned).reverse();
  if (messageId === undefined) {
    if (request.method !== "GET") return fail(405, 0, "405: Method Not Allowed");
    return ok(
      modern
        ? { items: pinned.map((message) => ({ pinned_at: message.timestamp, message })), has_more: false }
        : pinned,
    );
  }
  if (!botCan(state, channel.id, PermissionFlagsBits.PinMessages)) return missingPermissions();
  const message = state.findMessage(channel.id, messageId) as (APIMessage & { pinned: boolean }) | undefined;
  if (!message) return unknown("Message");
  if (request.method === "PUT") {
    if (!message.pinned && pinned.length >= MAX_PINS)
      return fail(400, DiscordCode.MaxPins, "Maximum number of pins reached");
    message.pinned = true;
    state.audit(AuditLogEvent.MessagePin, {
      targetId: message.author.id,
      reason: request.reason,
      options: { channel_id: channel.id, message_id: messageId },
    });
  } else if (request.method === "DELETE") {
    message.pinned = false;
    state.audit(AuditLogEvent.MessageUnpin, {
      targetId: message.author.id,
      reason: request.reason,
      options: { channel_id: channel.id, message_id: messageId },
    });
  } else return fail(405, 0, "405: Method Not Allowed");
  return noContent();
}

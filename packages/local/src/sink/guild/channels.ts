import { type APIOverwrite, AuditLogEvent, ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { fail, invalidBody, missingAccess, missingPermissions, noContent, ok, unknown } from "./replies.ts";
import type { GuildState, SinkChannel } from "./state.ts";
import type { GuildRequest } from "./types.ts";

const CREATABLE = new Set<number>([ChannelType.GuildText, ChannelType.GuildVoice, ChannelType.GuildCategory]);
const THREAD_TYPES = new Set<number>([ChannelType.PublicThread, ChannelType.PrivateThread]);

type ChannelBody = {
  name?: string;
  type?: number;
  topic?: string | null;
  rate_limit_per_user?: number;
  parent_id?: string | null;
  permission_overwrites?: APIOverwrite[];
};

/** The bot's permissions in a channel, and whether it holds `bit` there. */
export function botCan(state: GuildState, channelId: string, bit: bigint): boolean {
  return (state.permissionsOf(state.botUserId, channelId) & bit) === bit;
}

function validChannelBody(body: ChannelBody, creating: boolean): SinkReply | undefined {
  if (
    (creating || body.name !== undefined) &&
    (typeof body.name !== "string" || body.name.length < 1 || body.name.length > 100)
  )
    return invalidBody("name", "Must be between 1 and 100 in length.");
  if (body.topic && body.topic.length > 1024) return invalidBody("topic", "Must be 1024 or fewer in length.");
  const slowmode = body.rate_limit_per_user;
  if (slowmode !== undefined && (!Number.isInteger(slowmode) || slowmode < 0 || slowmode > 21_600))
    return invalidBody("rate_limit_per_user", "int value should be less than or equal to 21600.");
  return undefined;
}

/** `GET|POST /guilds/{id}/channels`. */
export function guildChannelsRoute(state: GuildState, request: GuildRequest): SinkReply {
  if (request.method === "GET")
    return ok([...state.channels.values()].filter((channel) => !THREAD_TYPES.has(channel.type)));
  if (request.method !== "POST") return fail(405, 0, "405: Method Not Allowed");
  const body = (request.body ?? {}) as ChannelBody;
  const invalid = validChannelBody(body, true);
  if (invalid) return invalid;
  const type = body.type ?? ChannelType.GuildText;
  if (!CREATABLE.has(type)) return invalidBody("type", "Value is not a valid channel type.");
  if ((state.permissionsOf(state.botUserId) & PermissionFlagsBits.ManageChannels) === 0n)
    return missingPermissions();
  if (body.parent_id && state.channels.get(body.parent_id)?.type !== ChannelType.GuildCategory)
    return invalidBody("parent_id", "Category does not exist.");
  const channel = {
    id: state.nextId(),
    guild_id: state.id,
    name: body.name ?? "new-channel",
    type,
    position: state.channels.size,
    parent_id: body.parent_id ?? null,
    topic: body.topic ?? null,
    rate_limit_per_user: body.rate_limit_per_user ?? 0,
    nsfw: false,
    flags: 0 as never,
    permission_overwrites: body.permission_overwrites ?? [],
  } as SinkChannel;
  state.channels.set(channel.id, channel);
  state.audit(AuditLogEvent.ChannelCreate, { targetId: channel.id, reason: request.reason });
  return ok(channel);
}

/** `GET|PATCH|DELETE /channels/{id}`. */
export function channelRoute(state: GuildState, channel: SinkChannel, request: GuildRequest): SinkReply {
  if (!botCan(state, channel.id, PermissionFlagsBits.ViewChannel)) return missingAccess();
  if (request.method === "GET") return ok(channel);
  const managing = THREAD_TYPES.has(channel.type)
    ? PermissionFlagsBits.ManageThreads
    : PermissionFlagsBits.ManageChannels;
  if (!botCan(state, channel.id, managing)) return missingPermissions();
  if (request.method === "DELETE") {
    state.channels.delete(channel.id);
    state.messages.delete(channel.id);
    state.audit(AuditLogEvent.ChannelDelete, { targetId: channel.id, reason: request.reason });
    return ok(channel);
  }
  if (request.method !== "PATCH") return fail(405, 0, "405: Method Not Allowed");
  const body = (request.body ?? {}) as ChannelBody;
  const invalid = validChannelBody(body, false);
  if (invalid) return invalid;
  for (const key of ["name", "topic", "rate_limit_per_user", "parent_id", "permission_overwrites"] as const)
    if (body[key] !== undefined) Object.assign(channel, { [key]: body[key] });
  state.audit(AuditLogEvent.ChannelUpdate, { targetId: channel.id, reason: request.reason });
  return ok(channel);
}

/** `PUT|DELETE /channels/{id}/permissions/{overwrite}`: needs Manage Roles in the channel. */
export function overwriteRoute(
  state: GuildState,
  channel: SinkChannel,
  overwriteId: string,
  request: GuildRequest,
): SinkReply {
  if (!botCan(state, channel.id, PermissionFlagsBits.ViewChannel)) return missingAccess();
  if (!botCan(state, channel.id, PermissionFlagsBits.ManageRoles)) return missingPermissions();
  if (request.method === "DELETE") {
    const before = channel.permission_overwrites?.length ?? 0;
    channel.permission_overwrites = (channel.permission_overwrites ?? []).filter(
      (overwrite) => overwrite.id !== overwriteId,
    );
    if (channel.permission_overwrites.length === before) return unknown("Overwrite");
    state.audit(AuditLogEvent.ChannelOverwriteDelete, {
      targetId: channel.id,
      reason: request.reason,
      options: { id: overwriteId },
    });
    return noContent();
  }
  if (request.method !== "PUT") return fail(405, 0, "405: Method Not Allowed");
  const body = (request.body ?? {}) as { type?: number; allow?: string; deny?: string };
  if (body.type !== 0 && body.type !== 1) return invalidBody("type", "Value must be one of {0, 1}.");
  if (body.type === 0 ? !state.roles.has(overwriteId) : !state.members.has(overwriteId))
    return unknown(body.type === 0 ? "Role" : "Member");
  state.setOverwrite(channel, {
    id: overwriteId,
    type: body.type,
    allow: String(body.allow ?? "0"),
    deny: String(body.deny ?? "0"),
  });
  state.audit(AuditLogEvent.ChannelOverwriteUpdate, {
    targetId: channel.id,
    reason: request.reason,
    options: { id: overwriteId },
  });
  return noContent();
}

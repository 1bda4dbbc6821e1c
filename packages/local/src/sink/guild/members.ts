import { outranks } from "@megawatts/discord/permission-rules";
import { type APIRole, AuditLogEvent, PermissionFlagsBits } from "discord-api-types/v10";
import type { SinkReply } from "../../discord-sink-routes.ts";
import { fail, missingPermissions, noContent, ok, unknown } from "./replies.ts";
import type { GuildState } from "./state.ts";
import type { GuildRequest } from "./types.ts";

const has = (state: GuildState, bit: bigint) => (state.permissionsOf(state.botUserId) & bit) === bit;
const MAX_TIMEOUT_MS = 28 * 24 * 60 * 60 * 1000;

/** Whether the bot may act on `userId` as a member: not the owner, strictly below the bot. */
function canModerate(state: GuildState, userId: string): boolean {
  if (userId === state.ownerId) return false;
  const target = state.topRole(userId);
  return !target || outranks(state.topRole(state.botUserId), target);
}

/** Whether the bot may manage `role` (strictly below its highest role). */
export function canManageRole(state: GuildState, role: APIRole): boolean {
  return has(state, PermissionFlagsBits.ManageRoles) && outranks(state.topRole(state.botUserId), role);
}

/** `GET /guilds/{id}/members/{user}`, `PATCH` (timeout, nick), `DELETE` (kick). */
export function memberRoute(state: GuildState, userId: string, request: GuildRequest): SinkReply {
  const member = state.members.get(userId);
  if (!member) return unknown("Member");
  if (request.method === "GET") return ok(member);
  if (request.method === "DELETE") {
    if (!has(state, PermissionFlagsBits.KickMembers) || !canModerate(state, userId))
      return missingPermissions();
    state.members.delete(userId);
    state.audit(AuditLogEvent.MemberKick, { targetId: userId, reason: request.reason });
    return noContent();
  }
  if (request.method !== "PATCH") return fail(405, 0, "405: Method Not Allowed");
  const body = (request.body ?? {}) as { communication_disabled_until?: string | null; nick?: string | null };
  if ("communication_disabled_until" in body) {
    const until = body.communication_disabled_until;
    const admin = (state.permissionsOf(userId) & PermissionFlagsBits.Administrator) !== 0n;
    if (!has(state, PermissionFlagsBits.ModerateMembers) || !canModerate(state, userId) || admin)
      return missingPermissions();
    if (until && (Number.isNaN(Date.parse(until)) || Date.parse(until) - Date.now() > MAX_TIMEOUT_MS))
      return fail(400, 50035, "Invalid Form Body: communication_disabled_until must be within 28 days");
    const before = member.communication_disabled_until ?? null;
    member.communication_disabled_until = until ?? null;
    state.audit(AuditLogEvent.MemberUpdate, {
      targetId: userId,
      reason: request.reason,
      changes: [{ key: "communication_disabled_until", old_value: before, new_value: until ?? null }],
    } as Parameters<GuildState["audit"]>[1]);
  }
  if ("nick" in body) {
    if (!has(state, PermissionFlagsBits.ManageNicknames) || !canModerate(state, userId))
      return missingPermissions();
    member.nick = body.nick ?? null;
  }
  return ok(member);
}

/** `PUT` / `DELETE /guilds/{id}/members/{user}/roles/{role}`. */
export function memberRoleRoute(
  state: GuildState,
  userId: string,
  roleId: string,
  request: GuildRequest,
): SinkReply {
  const member = state.members.get(userId);
  if (!member) return unknown("Member");
  const role = state.roles.get(roleId);
  if (!role || roleId === state.id) return unknown("Role");
  if (!canManageRole(state, role)) return missingPermissions();
  if (request.method === "PUT") {
    if (!member.roles.includes(roleId)) member.roles = [...member.roles, roleId];
  } else if (request.method === "DELETE") member.roles = member.roles.filter((id) => id !== roleId);
  else return fail(405, 0, "405: Method Not Allowed");
  state.audit(AuditLogEvent.MemberRoleUpdate, {
    targetId: userId,
    reason: request.reason,
    options: { role_id: roleId },
  });
  return noContent();
}

/** `GET /guilds/{id}/members?limit&after`: the list needs the privileged members intent. */
export function listMembers(state: GuildState, request: GuildRequest, membersIntent: boolean): SinkReply {
  if (!membersIntent) return fail(403, 50001, "Missing Access");
  const limit = Math.min(1000, Math.max(1, Number(request.query.get("limit") ?? 1)));
  const after = BigInt(request.query.get("after") ?? "0");
  const page = [...state.members.values()]
    .filter((member) => BigInt(member.user.id) > after)
    .sort((a, b) => (BigInt(a.user.id) < BigInt(b.user.id) ? -1 : 1))
    .slice(0, limit);
  return ok(page);
}

/** `GET /guilds/{id}/bans`, `GET|PUT|DELETE /guilds/{id}/bans/{user}`. */
export function banRoute(state: GuildState, userId: string | undefined, request: GuildRequest): SinkReply {
  if (!has(state, PermissionFlagsBits.BanMembers)) return missingPermissions();
  if (userId === undefined)
    return request.method === "GET" ? ok([...state.bans.values()]) : fail(405, 0, "405: Method Not Allowed");
  if (request.method === "GET") return state.bans.has(userId) ? ok(state.bans.get(userId)) : unknown("Ban");
  if (request.method === "DELETE") {
    if (!state.bans.delete(userId)) return unknown("Ban");
    state.audit(AuditLogEvent.MemberBanRemove, { targetId: userId, reason: request.reason });
    return noContent();
  }
  if (request.method !== "PUT") return fail(405, 0, "405: Method Not Allowed");
  const account = state.users.get(userId);
  if (!account) return unknown("User");
  if (state.members.has(userId) && !canModerate(state, userId)) return missingPermissions();
  if (userId === state.botUserId) return missingPermissions();
  const seconds = Number(
    (request.body as { delete_message_seconds?: number } | null)?.delete_message_seconds ?? 0,
  );
  if (seconds > 0) {
    const since = Date.now() - seconds * 1000;
    for (const [channelId, list] of state.messages)
      state.messages.set(
        channelId,
        list.filter((message) => message.author.id !== userId || Date.parse(message.timestamp) < since),
      );
  }
  state.members.delete(userId);
  state.bans.set(userId, { user: account, reason: request.reason ?? null });
  state.audit(AuditLogEvent.MemberBanAdd, { targetId: userId, reason: request.reason });
  return noContent();
}
